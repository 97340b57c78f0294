/**
 * Work instructions arrive as HTML written in Odoo's editor. The server sanitizes them, and the tablet does
 * again before rendering: only text structure survives, with no attribute (no script, style, event handler
 * or link), and nothing that loads from the network (images, frames, media), so instructions show the same
 * offline as online.
 */

/** Elements kept, without attributes. */
const KEPT = new Set([
  'p', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'ul', 'ol', 'li',
  'blockquote', 'pre', 'code', 'hr', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'div', 'span',
])
/** Elements dropped with everything inside them: code, styles, embedded or remote content, forms. */
const DROPPED = new Set([
  'script', 'style', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'img', 'picture',
  'source', 'video', 'audio', 'track', 'canvas', 'svg', 'math', 'link', 'meta', 'base', 'form', 'input',
  'button', 'select', 'textarea', 'noscript', 'head', 'title',
])
/** Table cells keep their span, the one attribute that carries meaning here. */
const SPANS = ['colspan', 'rowspan']

function copyChildren(from: Node, to: Node, doc: Document): void {
  for (const child of Array.from(from.childNodes)) {
    if (child.nodeType === 3) {
      to.appendChild(doc.createTextNode(child.textContent ?? ''))
      continue
    }
    if (child.nodeType !== 1) continue
    const element = child as Element
    const tag = element.tagName.toLowerCase()
    if (DROPPED.has(tag)) continue
    if (!KEPT.has(tag)) {
      // unknown or unsafe wrappers (a, font, …): keep what they say, not what they do
      copyChildren(element, to, doc)
      continue
    }
    const clean = doc.createElement(tag)
    if (tag === 'td' || tag === 'th') {
      for (const name of SPANS) {
        const value = element.getAttribute(name)
        if (value !== null && /^[1-9][0-9]?$/.test(value)) clean.setAttribute(name, value)
      }
    }
    copyChildren(element, clean, doc)
    to.appendChild(clean)
  }
}

/**
 * The instructions as safe HTML for `v-html`: parsed with `parser` (the browser's DOMParser), rebuilt from
 * an allowlist of elements. Parsing into an inert document runs no script and loads nothing.
 */
export function sanitizeInstructions(html: string, parser: DOMParser = new DOMParser()): string {
  const source = parser.parseFromString(html, 'text/html')
  const target = parser.parseFromString('<!doctype html><body></body>', 'text/html')
  copyChildren(source.body, target.body, target)
  return target.body.innerHTML
}
