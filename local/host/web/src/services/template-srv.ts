import type { ScopedVars, TimeRange, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import { sceneGraph, type SceneObject } from '@grafana/scenes';

const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/g;

type Format = string | ((value: unknown, variable: unknown) => string) | undefined;

function formatValue(value: unknown, format: Format, name: string): string {
  if (typeof format === 'function') {
    return format(value, { name, type: 'custom', multi: Array.isArray(value), includeAll: false });
  }
  if (Array.isArray(value)) {
    return format === 'csv' ? value.join(',') : value.length === 1 ? String(value[0]) : `{${value.join(',')}}`;
  }
  return String(value);
}

/**
 * Grafana's TemplateSrv as a Scenes app sees it: with `scopedVars.__sceneObject` the work goes to
 * `sceneGraph.interpolate` on the scene object (`.value.valueOf()` unwraps the SafeSerializableSceneObject);
 * otherwise `$var`, `${var}` and `[[var]]` come from scopedVars and unknown names are left as written.
 */
export class HostTemplateSrv implements TemplateSrv {
  getVariables(): TypedVariableModel[] {
    return [];
  }

  replace(target?: string, scopedVars?: ScopedVars, format?: Format, interpolations?: unknown[]): string {
    if (!target) {
      return target ?? '';
    }
    const sceneObject = scopedVars?.__sceneObject?.value as { valueOf(): SceneObject } | undefined;
    if (sceneObject) {
      return sceneGraph.interpolate(
        sceneObject.valueOf(),
        target,
        scopedVars,
        format as never,
        interpolations as never
      );
    }
    return target.replace(VARIABLE, (match, dollar, bracket, bracketFmt, braced, _field, bracedFmt) => {
      const name: string = dollar ?? bracket ?? braced;
      const scoped = scopedVars?.[name];
      if (!scoped) {
        return match;
      }
      return formatValue(scoped.value, bracketFmt ?? bracedFmt ?? format, name);
    });
  }

  containsTemplate(target?: string): boolean {
    VARIABLE.lastIndex = 0;
    return target ? VARIABLE.test(target) : false;
  }

  updateTimeRange(_timeRange: TimeRange): void {}
}
