/** What a shipping label shows. */
export type LabelContent = {
  readonly trackingNumber: string
  readonly service: string
  readonly reference: string
  readonly from: string
  readonly to: string
  readonly weightGrams: number
  readonly isReturn: boolean
}

/** PDF text strings are latin-1 between parentheses; keep to printable ASCII and escape the rest. */
const pdfText = (s: string): string => s.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`)

/** A fake barcode: one bar per bit of each character of the tracking number, wide for 1, thin for 0. */
const barcode = (code: string, x0: number, y: number, height: number): string => {
  const bars: string[] = []
  let x = x0
  for (const ch of code) {
    for (let bit = 6; bit >= 0; bit--) {
      const w = (ch.charCodeAt(0) >> bit) & 1 ? 2 : 1
      bars.push(`${x} ${y} ${w} ${height} re`)
      x += w + 1
    }
  }
  return `${bars.join('\n')}\nf`
}

const contentStream = (l: LabelContent): string => {
  const lines = [
    [18, l.isReturn ? 'SANDBOX CARRIER - RETURN' : 'SANDBOX CARRIER'],
    [12, `Service: ${l.service}`],
    [12, `From: ${l.from}`],
    [12, `To: ${l.to}`],
    [12, `Weight: ${l.weightGrams} g`],
    [12, `Reference: ${l.reference}`],
    [16, l.trackingNumber],
  ] as const
  const text = lines.map(([size, s], i) => `BT /F1 ${size} Tf 20 ${400 - i * 30} Td (${pdfText(s)}) Tj ET`).join('\n')
  return `${text}\n${barcode(l.trackingNumber, 20, 120, 60)}\nBT /F1 8 Tf 20 100 Td (Not a real label: Crest sandbox carrier) Tj ET`
}

/** A one-page 4x6 inch PDF label (hand-written PDF 1.4, no dependencies), as latin-1 text. */
export const labelPdf = (l: LabelContent): string => {
  const stream = contentStream(l)
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let pdf = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(pdf.length)
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = pdf.length
  const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}`
  return `${pdf}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
}
