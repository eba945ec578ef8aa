import type { ConformReport } from '../conform/ConformReport.js';
import { conformJson } from './conformJson.js';
import { conformJunit } from './conformJunit.js';
import { conformSarif } from './conformSarif.js';
import { conformText } from './conformText.js';

export const CONFORM_FORMATS = ['text', 'json', 'sarif', 'junit'] as const;
export type ConformFormat = (typeof CONFORM_FORMATS)[number];

export function isConformFormat(s: string): s is ConformFormat {
  return (CONFORM_FORMATS as readonly string[]).includes(s);
}

/** Renders a conformance report in one of the formats. */
export function renderConformReport(r: ConformReport, format: ConformFormat, version: string): string {
  switch (format) {
    case 'text':
      return conformText(r);
    case 'json':
      return conformJson(r);
    case 'sarif':
      return conformSarif(r, version);
    case 'junit':
      return conformJunit(r);
  }
}
