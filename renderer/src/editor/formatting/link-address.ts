/**
 * What a link may point to: a web page (http, https) or an email address (mailto). Anything else
 * (javascript:, file:, a local path) is refused: the exports and the desktop shell open links, and
 * a writer's article should not run code or reach into the reader's disk.
 */
export type LinkAddress = { href: string } | { refused: string };

const ACCEPTED = /^(https?:\/\/[^\s/?#]+\S*|mailto:[^\s@]+@[^\s@]+)$/i;
/** A bare host such as `example.org/page`: a writer's shorthand for a web page. */
const BARE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?([/?#]\S*)?$/i;
const BARE_EMAIL = /^[^\s@/:]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

export const REFUSED_ADDRESS = 'A link can only go to a web page (http:// or https://) or an email address (mailto:).';

/** Whether an address may be a link's, as it is (what pasted HTML and autolinks are held to). */
export function isAcceptedAddress(href: string): boolean {
  return ACCEPTED.test(href.trim());
}

/** The address a writer typed, as a link's href: bare hosts become https, bare emails mailto. */
export function linkAddress(typed: string): LinkAddress {
  const address = typed.trim();
  if (!address) return { refused: 'Type an address for the link, or choose Remove.' };
  if (isAcceptedAddress(address)) return { href: address };
  if (BARE_EMAIL.test(address)) return { href: `mailto:${address}` };
  if (BARE_HOST.test(address)) return { href: `https://${address}` };
  return { refused: REFUSED_ADDRESS };
}
