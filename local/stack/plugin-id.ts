import plugin from '../../plugin.json';

export const PLUGIN_ID: string = plugin.id;
