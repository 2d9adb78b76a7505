import { renderTextPanelMarkdown, textUtil, type PanelProps } from '@grafana/data';

import { corePanel } from './core-panel';

interface TextOptions {
  mode?: 'markdown' | 'html' | 'code';
  content?: string;
}

/** Core text panel: markdown (Grafana's renderer), sanitized HTML, or code, after variable interpolation. */
function TextPanel({ options, replaceVariables }: PanelProps<TextOptions>) {
  const content = replaceVariables(options.content ?? '');
  if (options.mode === 'code') {
    return <pre data-testid="TextPanel-converted-content">{content}</pre>;
  }
  const html = options.mode === 'html' ? textUtil.sanitize(content) : renderTextPanelMarkdown(content);
  return (
    <div
      className="markdown-html"
      data-testid="TextPanel-converted-content"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

export const textPanel = () => corePanel<TextOptions>('text', 'Text', TextPanel);
