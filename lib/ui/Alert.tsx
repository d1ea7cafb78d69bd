/** An error line for the extension's pages: announced to screen readers, nothing rendered without a message. */
export function Alert({ message }: { message: string | undefined }) {
  return message ? (
    <p class="error" role="alert">
      {message}
    </p>
  ) : null;
}
