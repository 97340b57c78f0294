import { createHash } from 'node:crypto'
import { crc32, deflateSync } from 'node:zlib'
import type { InstructionMimetype } from '../../src/domain/contract.ts'
import type { InstructionFileKey } from './catalog.ts'

/** An instruction file the demo plant attaches to an operation, made in code so no binary is committed. */
export interface InstructionFile {
  name: string
  mimetype: InstructionMimetype
  data: Buffer
}

/**
 * A one-page PDF 1.4 showing `lines` in Helvetica: the smallest file a PDF viewer opens without complaint
 * (a cross-reference table with exact byte offsets).
 */
export function instructionPdf(name: string, lines: readonly string[]): InstructionFile {
  const text = lines
    .map((line, i) => `BT /F1 ${i === 0 ? 18 : 12} Tf 56 ${780 - i * 24} Td (${line.replace(/[\\()]/g, '\\$&')}) Tj ET`)
    .join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'))
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = Buffer.byteLength(body, 'latin1')
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return { name, mimetype: 'application/pdf', data: Buffer.from(body, 'latin1') }
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([length, typed, crc])
}

/** An 8-bit RGB PNG of `width`×`height` whose pixel colours come from `paint(x, y)` as `[r, g, b]`. */
export function instructionPng(
  name: string,
  width: number,
  height: number,
  paint: (x: number, y: number) => readonly [number, number, number],
): InstructionFile {
  const rows: Buffer[] = []
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3) // filter byte 0: the row as is
    for (let x = 0; x < width; x++) row.set(paint(x, y), 1 + x * 3)
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // bit depth 8, colour type RGB, deflate, no filter, no interlace
  const data = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
  return { name, mimetype: 'image/png', data }
}

/** The SHA-1 of a file's bytes, in hex: what Odoo's `ir.attachment.checksum` holds. */
export function checksumOf(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex')
}

/** The demo plant's instruction files, by the key the catalog names them with. */
export const DEMO_INSTRUCTION_FILES: Record<InstructionFileKey, () => InstructionFile> = {
  drawerPdf: () =>
    instructionPdf('Drawer assembly.pdf', [
      'Drawer DRW-01 - assembly',
      '1. Screw both runners to the side panels, 8 screws each (4x30).',
      '2. Slide the drawer in and out three times.',
      '3. Check the runners move freely before releasing.',
    ]),
  cabinetPdf: () =>
    instructionPdf('Cabinet sheet cutting.pdf', [
      'Steel Cabinet CAB-02 - sheet cutting',
      '1. Clamp the sheet on the marked stops.',
      '2. Cut the sides and the back as the drawing shows.',
      '3. Deburr every edge.',
    ]),
  coatingPdf: () =>
    instructionPdf('Bracket powder coating.pdf', [
      'Mounting Bracket BRK-04 - powder coating',
      '1. Degrease the brackets.',
      '2. Coat both sides, 60-80 um.',
      '3. Hang every bracket by its top hole.',
    ]),
  // A part drawing: a grey rail with its holes on a light background.
  drawing: () =>
    instructionPng('Drawing.png', 160, 90, (x, y) => {
      const onRail = y >= 38 && y < 52 && x >= 10 && x < 150
      const hole = onRail && y >= 42 && y < 48 && (x - 20) % 30 < 6 && x >= 20
      if (hole) return [250, 250, 250]
      return onRail ? [90, 98, 110] : [236, 240, 244]
    }),
}
