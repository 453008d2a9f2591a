/** Where the team's shared gold data lives: `../shared` beside the repository, never inside it. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const goldDir = path.join(sharedDir, 'gold');
export const hasShared = existsSync(path.join(goldDir, 'seeds.json'));
