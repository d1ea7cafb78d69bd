/**
 * A claim's source as a citation, linked to the source's public page when it
 * has one: at the claim's passage (a text fragment) where one can be found
 * there (lib/ui/cite.ts). Opened in a new tab by the reader's own click only.
 */
import type { ClaimView } from '../shared/protocol';
import { t } from '../shared/i18n';
import { passageUrl } from './cite';
import { sourceLine, sourceUrl } from './format';

type Citable = Pick<ClaimView, 'source'> & Partial<Pick<ClaimView, 'anchor' | 'citation'>>;

export function SourceCite({ claim }: { claim: Citable }) {
  const url =
    claim.anchor !== undefined && claim.citation
      ? passageUrl({ source: claim.source, anchor: claim.anchor, citation: claim.citation })
      : sourceUrl(claim);
  const atPassage = !!url && url.includes('#:~:text=');
  return (
    <cite>
      {url ? (
        <a
          href={url}
          target="_blank"
          rel="noopener noreferrer"
          title={atPassage ? t('openAtPassage') : t('openSource')}
          onClick={(e) => {
            // A page script's el.click() opens nothing.
            if (!e.isTrusted) e.preventDefault();
          }}
        >
          {sourceLine(claim)}
        </a>
      ) : (
        sourceLine(claim)
      )}
    </cite>
  );
}
