/**
 * The user information of a URL (`scheme://user:password@`), wherever it appears in a text. The
 * authority ends at the first `/`, `?`, `#` or space; within it the last `@` ends the user
 * information, as URL parsers read it, so an unescaped `@` in a password is masked too.
 */
const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@"'<>`\\]*(?:@[^\s/?#@"'<>`\\]*)*)@/gi;

/**
 * Masks the credentials of every URL in `text`: `user:password@` becomes `user:***@`, and a user
 * alone (which may be a token) becomes `***@`. Everything that leaves the process with a URL in it
 * (health, error answers, logs, stored errors, links) goes through here.
 */
export function redactCredentials(text: string): string {
  if (!text.includes('@')) return text;
  return text.replace(USERINFO, (_match, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return colon >= 0 ? `${scheme}${userinfo.slice(0, colon)}:***@` : `${scheme}***@`;
  });
}
