/**
 * Node-only: aliases that no text can reach. Each alias, each of its written
 * forms and each compiled case form is put into a short sentence (with a
 * context word of the entity when the alias is ambiguous) and scanned with
 * the pack's own matcher: it must come back as a mention of its entity over
 * the whole of the form. An alias that another entity's identical or longer
 * name swallows, that a blocker of the pack takes, or that the matcher's
 * rules can never accept is reported.
 */
import { compileIndex } from '../../lib/matcher/compile';
import { inflectedForms } from '../../lib/matcher/inflect';
import { createMatcher } from '../../lib/matcher/scan';
import type { Entity } from '../../lib/model/schema';

export interface Unreachable {
  entity: string;
  alias: string;
  form: string;
  /** What the matcher found instead ("" for nothing). */
  found: string;
}

type ReachEntity = Pick<Entity, 'id' | 'name' | 'aliases' | 'context' | 'blockers'>;

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

export function unreachableAliases(entities: readonly ReachEntity[]): Unreachable[] {
  const matcher = createMatcher(compileIndex([...entities]));
  const out: Unreachable[] = [];
  for (const e of entities) {
    for (const a of e.aliases) {
      const context = a.ambiguous ? (a.context?.[0] ?? e.context?.[0] ?? '') : '';
      const forms = [a.text, ...(a.forms ?? [])];
      for (const f of [...forms]) forms.push(...inflectedForms(f, a.lang));
      for (const form of forms) {
        const cjk = CJK.test(form);
        const before = cjk ? '报道：' : 'Report: ';
        const text = `${before}${form}${cjk ? '。' : ' today.'}${context ? ` ${context}.` : ''}`;
        // Quotation marks around a form are not part of the mention.
        const lead = /^[^\p{L}\p{N}]*/u.exec(form)![0].length;
        const trail = /[^\p{L}\p{N}]*$/u.exec(form)![0].length;
        const start = before.length + lead;
        const end = before.length + form.length - trail;
        const hits = matcher.scan(text);
        const ok = hits.some((m) => m.entity === e.id && m.start <= start && m.end >= end);
        if (!ok)
          out.push({
            entity: e.id,
            alias: a.text,
            form,
            found: hits.map((m) => `${m.entity}:"${text.slice(m.start, m.end)}"`).join(', '),
          });
      }
    }
  }
  return out;
}
