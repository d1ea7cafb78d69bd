/** The field reference of docs/pack-authoring.md is generated from the zod schema: it may not drift. */
import { describe, expect, it } from 'vitest';
import { updateSchemaDoc } from '../../../../tools/kb/schema-doc';

describe('the pack format reference', () => {
  it('is what the schema says now (`npm run -s kb -- schema-doc` rewrites it)', () => {
    expect(updateSchemaDoc({ check: true }).changed).toBe(false);
  });
});
