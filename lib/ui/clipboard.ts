/**
 * Puts text (and HTML, for rich paste) on the clipboard from the reader's
 * click or key press: the async Clipboard API first, then writeText, then the
 * `copy` command (pages that are not secure contexts have no Clipboard API).
 */
export async function copyToClipboard(text: string, html?: string): Promise<void> {
  const cb = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
  if (html && cb?.write && typeof ClipboardItem !== 'undefined') {
    try {
      await cb.write([
        new ClipboardItem({
          'text/plain': new Blob([text], { type: 'text/plain' }),
          'text/html': new Blob([html], { type: 'text/html' }),
        }),
      ]);
      return;
    } catch {
      // A page's Permissions-Policy, or a browser without HTML items: try plain text.
    }
  }
  if (cb?.writeText) {
    try {
      await cb.writeText(text);
      return;
    } catch {
      // Not focused, or refused: the copy command may still work.
    }
  }
  if (!copyByCommand(text, html)) throw new Error('the browser refused to copy');
}

/** The `copy` command with our data set on its event (it needs the reader's gesture, not a secure context). */
function copyByCommand(text: string, html?: string): boolean {
  let done = false;
  const onCopy = (e: ClipboardEvent) => {
    if (!e.clipboardData) return;
    e.clipboardData.setData('text/plain', text);
    if (html) e.clipboardData.setData('text/html', html);
    e.preventDefault();
    e.stopImmediatePropagation();
    done = true;
  };
  document.addEventListener('copy', onCopy, true);
  try {
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy, true);
  }
  return done;
}
