/** EU procurement thresholds and contract types, from dated data in the catalogue. */
import type { ContractType, ThresholdPeriod, Thresholds } from '../content/schema.js';

/** CPV divisions 03-44 and 48 are supplies, 45 is works, 49 and up are services. */
export function contractTypeOfCpv(code: string): ContractType {
  const division = Number(code.slice(0, 2));
  if (division === 45) return 'works';
  if (division === 48 || division < 45) return 'supplies';
  return 'services';
}

export function periodOn(thresholds: Thresholds, date: string): ThresholdPeriod | undefined {
  return thresholds.periods.find((p) => p.validFrom <= date && date <= p.validTo);
}

export function isSocialServiceCpv(thresholds: Thresholds, code: string): boolean {
  return thresholds.socialServicesCpv.some((s) => code.startsWith(s.prefix));
}

export function thresholdFor(
  period: ThresholdPeriod,
  contractType: ContractType,
  socialServices: boolean,
): number {
  if (contractType === 'works') return period.worksEur;
  if (socialServices && contractType === 'services') return period.socialServicesEur;
  return contractType === 'supplies' ? period.suppliesEur : period.servicesEur;
}
