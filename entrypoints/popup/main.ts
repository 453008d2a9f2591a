import { browser } from 'wxt/browser';
import { startPopup } from '../../src/ui/popup';

startPopup(document, (message) => browser.runtime.sendMessage(message));
