import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { Alert, Button, Field, FieldSet, Input, RadioButtonGroup, SecretInput, TextArea } from '@grafana/ui';
import React, { useState } from 'react';

import type { AppJsonData, KubernetesAccessMode } from '../../backend/api/types';
import { RULES_CONFIG } from '../../rules/config';
import { testIds } from '../testIds';

import { DatasourceFields } from './DatasourceFields';
import { HealthDetails } from './HealthDetails';
import { checkHealth, type HealthResult, saveSettings } from './saveSettings';
import { formFromJsonData, type SettingsForm, settingsPayload, validateForm } from './settingsForm';

export interface AppConfigProps extends PluginConfigPageProps<AppPluginMeta<AppJsonData>> {}

const MODES: Array<{ label: string; value: KubernetesAccessMode }> = [
  { label: 'In cluster', value: 'inCluster' },
  { label: 'Kubeconfig path', value: 'kubeconfig' },
  { label: 'API URL + token', value: 'apiUrl' },
];

export default function AppConfig({ plugin }: AppConfigProps) {
  const { enabled, pinned, jsonData, secureJsonFields } = plugin.meta;
  const [form, setForm] = useState<SettingsForm>(() =>
    formFromJsonData(jsonData, Boolean(secureJsonFields?.bearerToken))
  );
  const [health, setHealth] = useState<HealthResult>();
  const [saveError, setSaveError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const errors = validateForm(form);
  const set = (patch: Partial<SettingsForm>) => setForm((f) => ({ ...f, ...patch }));
  const text = (key: keyof SettingsForm) => ({
    value: String(form[key]),
    onChange: (e: React.FormEvent<HTMLInputElement | HTMLTextAreaElement>) => set({ [key]: e.currentTarget.value }),
  });

  const onSave = async () => {
    setBusy(true);
    setSaveError(undefined);
    setHealth(undefined);
    try {
      await saveSettings({ enabled: true, pinned: pinned ?? true, ...settingsPayload(form) });
      setForm((f) => ({ ...f, token: '', tokenConfigured: f.tokenConfigured || Boolean(f.token) }));
      setHealth(await checkHealth());
    } catch (thrown) {
      setSaveError((thrown as { data?: { message?: string } }).data?.message ?? 'Saving the settings failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid={testIds.config.form}>
      {!enabled && <Alert severity="info" title="The app is not enabled yet: saving enables it." />}
      <DatasourceFields prometheusUid={form.prometheusUid} tempoUid={form.tempoUid} onChange={set} />
      <FieldSet label="Kubernetes">
        <Field label="Connection">
          <div data-testid={testIds.config.mode}>
            <RadioButtonGroup options={MODES} value={form.mode} onChange={(mode) => set({ mode })} />
          </div>
        </Field>
        {form.mode === 'kubeconfig' && (
          <>
            <Field label="Kubeconfig path" invalid={Boolean(errors.kubeconfigPath)} error={errors.kubeconfigPath}>
              <Input
                data-testid={testIds.config.kubeconfigPath}
                placeholder="/etc/grafana/kubeconfig"
                {...text('kubeconfigPath')}
              />
            </Field>
            <Field label="Context" description="Default: the kubeconfig's current context">
              <Input {...text('kubeconfigContext')} />
            </Field>
          </>
        )}
        {form.mode === 'apiUrl' && (
          <>
            <Field label="API server URL" invalid={Boolean(errors.apiUrl)} error={errors.apiUrl}>
              <Input
                data-testid={testIds.config.apiUrl}
                placeholder="https://kubernetes.example:6443"
                {...text('apiUrl')}
              />
            </Field>
            <Field
              label="Bearer token"
              description="Stored encrypted; never sent back to the browser"
              invalid={Boolean(errors.token)}
              error={errors.token}
            >
              <SecretInput
                data-testid={testIds.config.token}
                isConfigured={form.tokenConfigured && !form.token}
                value={form.token}
                onChange={(e) => set({ token: e.currentTarget.value })}
                onReset={() => set({ token: '', tokenConfigured: false })}
              />
            </Field>
            <Field label="CA certificate (PEM)" description="Default: the system trust store">
              <TextArea rows={3} {...text('caCert')} />
            </Field>
          </>
        )}
        <Field
          label="Namespaces"
          description="Restrict every read to these namespaces (comma-separated); empty = cluster-wide"
        >
          <Input data-testid={testIds.config.namespaces} {...text('namespaces')} />
        </Field>
      </FieldSet>
      <FieldSet label="SLO defaults">
        <Field
          label="Objective"
          description={`For functions without spec.slo (rules default ${RULES_CONFIG.slo.objective})`}
          invalid={Boolean(errors.objective)}
          error={errors.objective}
        >
          <Input
            data-testid={testIds.config.objective}
            placeholder={String(RULES_CONFIG.slo.objective)}
            {...text('objective')}
          />
        </Field>
        <Field
          label="Window"
          description={`SLO window of the pages (the alerts use ${RULES_CONFIG.slo.period})`}
          invalid={Boolean(errors.window)}
          error={errors.window}
        >
          <Input data-testid={testIds.config.window} placeholder={RULES_CONFIG.slo.period} {...text('window')} />
        </Field>
      </FieldSet>
      <Button data-testid={testIds.config.save} disabled={busy || Object.keys(errors).length > 0} onClick={onSave}>
        Save &amp; test
      </Button>
      {saveError && <Alert severity="error" title={saveError} />}
      {health && <HealthDetails health={health} />}
    </div>
  );
}
