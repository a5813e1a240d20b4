import { gateAdmissions, gateRejections } from '../metrics/commerce-metrics.ts'
import type { AdmissionGate } from './admission-gate.ts'

/** The gate, counting its decisions on crest_gate_admissions_total / crest_gate_rejections_total. */
export const countedGate = (gate: AdmissionGate): AdmissionGate => ({
  ...gate,
  admit: async (key, units) => {
    const decision = await gate.admit(key, units)
    if (decision === 'admitted') gateAdmissions.inc()
    else if (decision === 'sold_out') gateRejections.inc()
    return decision
  },
})
