// Runs before `next build`: copies the tfjs wasm binaries into public/tfjs/ so the worker can load them from the
// site's own origin (no CDN), under whatever base path the site is built for.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const from = join('node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const to = join('public', 'tfjs');
mkdirSync(to, { recursive: true });
for (const file of readdirSync(from).filter((f) => f.endsWith('.wasm'))) {
  copyFileSync(join(from, file), join(to, file));
}
console.log(`prebuild: copied tfjs wasm files to ${to}/`);
