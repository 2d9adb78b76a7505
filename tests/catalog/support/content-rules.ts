// The validator's content analyzers (readme, license, htmlsanitizer for SVG, trackingscripts, angular markers,
// screenshot types), as findings: an empty list means the check passes.
import { SaxesParser } from 'saxes';

/** D1: the validator's link regex; it also scans code blocks and image links */
export function relativeReadmeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\[.+?\]\((.+?)\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^https?:\/\//.test(target) && !target.startsWith('#') && !target.startsWith('mailto:'));
}

export const TEMPLATE_TEXT = /Grafana (Panel|Data Source|Datasource|App|Data Source Backend) Plugin Template/i;
export const ONE_LINE_HTML_COMMENT = /<!--.*?-->/;

/** D4: recognisable license texts among those the validator accepts, by their defining phrases */
const LICENSE_MARKERS: Record<string, RegExp[]> = {
  'Apache-2.0': [
    /Apache License\s+Version 2\.0, January 2004/,
    /TERMS AND CONDITIONS FOR USE, REPRODUCTION/,
    /Grant of Patent License/,
  ],
  MIT: [/Permission is hereby granted, free of charge/, /THE SOFTWARE IS PROVIDED "AS IS"/],
  '0BSD': [/Permission to use, copy, modify, and\/or distribute this software for any/],
};

export function detectLicense(text: string): string | undefined {
  return Object.entries(LICENSE_MARKERS).find(([, markers]) => markers.every((m) => m.test(text)))?.[0];
}

const UNSAFE_SVG_ELEMENTS = new Set(
  ['script', 'iframe', 'audio', 'template', 'noscript', 'noembed', 'noframes', 'plaintext', 'xmp', 'math'].concat([
    'mi',
    'mn',
    'mo',
    'ms',
    'mtext',
    'annotation-xml',
    'colgroup',
    'thead',
  ])
);

/** E1: parses as XML, no unsafe element, no on* attribute */
export function svgFindings(text: string): string[] {
  const findings: string[] = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    const local = tag.name.replace(/^.*:/, '').toLowerCase();
    if (UNSAFE_SVG_ELEMENTS.has(local)) {
      findings.push(`element <${tag.name}>`);
    }
    for (const attr of Object.keys(tag.attributes)) {
      if (attr.toLowerCase().replace(/^.*:/, '').startsWith('on')) {
        findings.push(`attribute ${attr} on <${tag.name}>`);
      }
    }
  });
  try {
    parser.write(text).close();
  } catch (err) {
    findings.push(`not XML: ${(err as Error).message}`);
  }
  return findings;
}

/** F1: hosts of tracking scripts (a deny-list: the upstream list has ~15k hosts and needs the network) */
export const TRACKER_HOSTS = [
  ...['google-analytics.com', 'googletagmanager.com', 'doubleclick.net', 'segment.com', 'segment.io', 'mixpanel.com'],
  ...['hotjar.com', 'fullstory.com', 'amplitude.com', 'heap.io', 'heapanalytics.com', 'intercom.io', 'matomo'],
  ...['newrelic.com', 'nr-data.net', 'clarity.ms', 'facebook.net', 'connect.facebook', 'bat.bing.com', 'quantserve'],
  ...['scorecardresearch.com', 'sentry-cdn.com', 'logrocket', 'mouseflow.com', 'crazyegg.com', 'pendo.io'],
];

export function absoluteUrls(js: string): string[] {
  return [...new Set([...js.matchAll(/https?:\/\/[^\s"'`)<>\\]+/g)].map((m) => m[0]))].sort();
}

/** F2: the Angular markers, as byte substrings and regexes */
export const ANGULAR_SUBSTRINGS = [
  ...['PanelCtrl', 'QueryCtrl', 'app/plugins/sdk', 'angular.isNumber(', 'editor.html', 'ctrl.annotation'],
  'getLegacyAngularInjector',
];
export const ANGULAR_PATTERNS = [
  /['"](app\/core\/utils\/promiseToDigest)|(app\/plugins\/.*?)|(app\/core\/core_module)['"]/,
  /from\s+['"]grafana\/app\//,
  /System\.register\(/,
];

/** C6: the image type by content (svg = text containing <svg) */
export function imageType(bytes: Buffer): 'png' | 'jpeg' | 'gif' | 'svg' | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'png';
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'jpeg';
  }
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') {
    return 'gif';
  }
  return bytes.toString('utf8').includes('<svg') ? 'svg' : undefined;
}

export function extensionType(file: string): string | undefined {
  const ext = file.toLowerCase().split('.').pop();
  return ext === 'jpg' ? 'jpeg' : ['png', 'jpeg', 'gif', 'svg'].includes(ext ?? '') ? ext : undefined;
}
