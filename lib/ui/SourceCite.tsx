/** A claim's source as a citation, linked to the source's public page when it has one (card and popup). */
import type { ClaimView } from '../shared/protocol';
import { sourceLine, sourceUrl } from './format';

export function SourceCite({ claim }: { claim: Pick<ClaimView, 'source'> }) {
  const url = sourceUrl(claim);
  return (
    <cite>
      {url ? (
        <a href={url} target="_blank" rel="noopener noreferrer">
          {sourceLine(claim)}
        </a>
      ) : (
        sourceLine(claim)
      )}
    </cite>
  );
}
