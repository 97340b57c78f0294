// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { sanitizeInstructions } from '../../../src/domain/instructions-html'

describe('sanitizeInstructions', () => {
  it('keeps the text structure', () => {
    const html = '<h3>Assembly</h3><ol><li>Screw <strong>both</strong> runners</li></ol><table><tr><td colspan="2">12 Nm</td></tr></table>'
    expect(sanitizeInstructions(html)).toBe(
      '<h3>Assembly</h3><ol><li>Screw <strong>both</strong> runners</li></ol><table><tbody><tr><td colspan="2">12 Nm</td></tr></tbody></table>',
    )
  })

  it('drops scripts, styles, event handlers and everything that loads from the network', () => {
    const html =
      '<p onclick="steal()" style="color:red" class="x">Go</p><script>alert(1)</script><style>p{}</style>' +
      // happy-dom, unlike a browser, loads an iframe's src even in a parsed document: the test gives none
      '<img src="https://example.com/x.png" onerror="steal()"><iframe title="remote"></iframe>' +
      '<svg><script>alert(2)</script></svg><object data="x.pdf"></object>'
    expect(sanitizeInstructions(html)).toBe('<p>Go</p>')
  })

  it('keeps the words of links and unknown wrappers, not what they do', () => {
    expect(sanitizeInstructions('<p><a href="javascript:steal()">see</a> <font color="red">manual</font></p>')).toBe('<p>see manual</p>')
  })

  it('escapes text that looks like markup', () => {
    expect(sanitizeInstructions('<p>&lt;script&gt;x&lt;/script&gt;</p>')).toBe('<p>&lt;script&gt;x&lt;/script&gt;</p>')
  })
})
