/**
 * The pack authors' tool: `npm run -s kb -- <command>` (see tools/kb/cli.ts and docs/pack-authoring.md).
 *
 *   check [pack] [--source <id>=<file>]…   validate, check against the source documents, print statistics
 *   draft <document> --out <folder>        a first draft of a pack from a document, every item marked draft
 *   build [folder] --out <pack.json>       one importable file
 *   stats [pack]                           counts
 *   lookup "<query>" [--pack <pack>]       entities whose name, id or alias contains the query, with their claims
 *   schema-doc [--check]                   the field reference of docs/pack-authoring.md, from the zod schema
 *   draft-eval                             recall and noise of draft on the bundled documents
 *
 * The bundled pack's source texts are read from ../shared/seeds/ (or $FACTLENS_SEEDS).
 */
import { main } from '../tools/kb/cli';

process.exitCode = await main(process.argv.slice(2));
