import { browser } from '../src/extension/api';
import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../src/background/service';

export default defineBackground({
  type: 'module',
  main() {
    startBackground(browser);
  },
});
