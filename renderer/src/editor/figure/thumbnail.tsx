/**
 * A small picture drawn as a background, so that a figure's only <img> is its picture
 * (what screen readers announce, what tests and exports look for); its button carries the label.
 */
export function Thumbnail({ url }: { url: string }) {
  return <span className="thumbnail" aria-hidden="true" style={{ backgroundImage: `url("${url.replace(/["\\]/g, '\\$&')}")` }} />;
}
