import type { AppPageSettings } from '../../backend/api/types';
import { RULES_CONFIG } from '../../rules/config';

export interface ResolvedPageSettings {
  prometheusUid?: string;
  tempoUid?: string;
  objective: number;
  window: string;
}

/** The pages' settings from the app's jsonData, with the rules' defaults. */
export function resolvePageSettings(jsonData: AppPageSettings | undefined): ResolvedPageSettings {
  const objective = jsonData?.slo?.objective;
  return {
    prometheusUid: jsonData?.prometheusDatasourceUid || undefined,
    tempoUid: jsonData?.tempoDatasourceUid || undefined,
    objective: objective !== undefined && objective > 0 && objective < 1 ? objective : RULES_CONFIG.slo.objective,
    window: jsonData?.slo?.window || RULES_CONFIG.slo.period,
  };
}
