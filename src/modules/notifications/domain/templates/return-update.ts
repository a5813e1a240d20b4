import type { ReturnUpdateData } from './template-data.ts'
import { type Block, type Brand, composeEmail, facts, greeting, lineList, paragraph, type RenderedEmail } from './template-kit.ts'
import { orderLink } from './order-link.ts'

export type ReturnStage = 'requested' | 'approved' | 'received' | 'refused'

const WORDING: Readonly<Record<ReturnStage, { subject: (n: string) => string; lead: (n: string) => string; noteLabel: string }>> = {
  requested: {
    subject: (n) => `We have your return request for order ${n}`,
    lead: (n) => `We have received your request to return items from order ${n}. We will review it and get back to you shortly.`,
    noteLabel: 'Your note',
  },
  approved: {
    subject: (n) => `Your return for order ${n} is approved`,
    lead: (n) => `Your return for order ${n} is approved. Please send the items back; we will refund you once they arrive.`,
    noteLabel: 'How to send it back',
  },
  received: {
    subject: (n) => `We have received your return for order ${n}`,
    lead: (n) => `The items you returned from order ${n} have arrived. We will check them and issue your refund.`,
    noteLabel: 'Note',
  },
  refused: {
    subject: (n) => `Your return for order ${n} was not accepted`,
    lead: (n) => `We are sorry, but we could not accept your return for order ${n}.`,
    noteLabel: 'Reason',
  },
}

/** One template per stage of a return; they share data and layout. */
export const returnUpdate =
  (stage: ReturnStage) =>
  (d: ReturnUpdateData, brand: Brand): RenderedEmail => {
    const w = WORDING[stage]
    const blocks: Block[] = [
      greeting(d.customerName),
      paragraph(w.lead(d.orderNumber)),
      facts([
        ['Return', d.returnId],
        ['Order number', d.orderNumber],
      ]),
    ]
    if (d.items?.length) blocks.push(lineList(d.items))
    if (d.note) blocks.push(facts([[w.noteLabel, d.note]]))
    blocks.push(...orderLink(brand, d.orderPath))
    return composeEmail(brand, w.subject(d.orderNumber), blocks)
  }
