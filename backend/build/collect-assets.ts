// Prints the assets the backend embeds (see backend/assets/embedded.ts) as JSON, for build.mjs.
import { readRepoAssets } from '../assets/repo-assets';

process.stdout.write(JSON.stringify(readRepoAssets()));
