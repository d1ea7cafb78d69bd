/** `npm run -s match -- [--pack <pack>] <file.html|file.txt> ...`: see tools/match.ts. */
import { main } from '../tools/match';

process.exitCode = main();
