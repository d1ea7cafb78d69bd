/** `npm run match -- <file.html|file.txt> ...`: see tools/match.ts. */
import { main } from '../tools/match';

process.exitCode = main();
