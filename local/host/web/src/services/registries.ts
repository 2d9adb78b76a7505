import {
  booleanOverrideProcessor,
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  FieldColorModeId,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardEditorsRegistry,
  standardFieldConfigEditorRegistry,
  standardTransformers,
  standardTransformersRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  ThresholdsMode,
  valueMappingsOverrideProcessor,
  type FieldConfigPropertyItem,
  type TransformerRegistryItem,
} from '@grafana/data';

const NoEditor = () => null;

function item(
  id: string,
  process: FieldConfigPropertyItem['process'],
  defaultValue?: unknown
): FieldConfigPropertyItem {
  return {
    id,
    path: id,
    name: id,
    editor: NoEditor,
    override: NoEditor,
    process,
    shouldApply: () => true,
    defaultValue,
  } as FieldConfigPropertyItem;
}

/** Grafana's standard field options (core `getAllStandardFieldConfigs`): the real processors, no editors. */
function standardFieldConfigs(): FieldConfigPropertyItem[] {
  return [
    item('unit', stringOverrideProcessor),
    item('min', numberOverrideProcessor),
    item('max', numberOverrideProcessor),
    item('fieldMinMax', booleanOverrideProcessor),
    item('decimals', numberOverrideProcessor),
    item('displayName', displayNameOverrideProcessor),
    item('noValue', stringOverrideProcessor),
    item('color', identityOverrideProcessor, { mode: FieldColorModeId.Thresholds }),
    item('thresholds', thresholdsOverrideProcessor, {
      mode: ThresholdsMode.Absolute,
      steps: [
        { value: -Infinity, color: 'green' },
        { value: 80, color: 'red' },
      ],
    }),
    item('mappings', valueMappingsOverrideProcessor, []),
    item('links', dataLinksOverrideProcessor, []),
    item('actions', identityOverrideProcessor, []),
    item('filterable', booleanOverrideProcessor),
  ];
}

/** `standardTransformers` as registry items; 13.x items resolve their transformation lazily. */
function transformerItems(): TransformerRegistryItem[] {
  const seen = new Set<string>();
  return Object.values(standardTransformers)
    .filter((info) => !seen.has(info.id) && seen.add(info.id))
    .map((info) => ({
      id: info.id,
      name: info.name,
      description: info.description,
      transformation: async () => info,
      editor: NoEditor,
      imageDark: '',
      imageLight: '',
    }));
}

export function initRegistries(): void {
  standardEditorsRegistry.setInit(() => []);
  standardFieldConfigEditorRegistry.setInit(standardFieldConfigs);
  standardTransformersRegistry.setInit(transformerItems);
}
