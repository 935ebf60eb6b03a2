// Which CVM a report is about, worded once for every renderer: "instance ins-…, region …, zone …".
import type { Translator } from '../messages/format.js';
import type { Report } from './build-report.js';

export function instanceLine(snap: Report['snapshot'], t: Translator['t']): string {
  return t('report.instance', {
    instanceId: snap.instanceId ?? '?',
    region: snap.region ?? '?',
    zone: snap.zone ? { id: 'report.zone', params: { zone: snap.zone } } : '',
  });
}
