// chart/text.js — text of a described chart (data/CHART_FORMAT.md): the
// description's own Text in a locale, and the renderer's copy (notes,
// findings, controls) in English and Chinese.
//
// textOf(text, locale, defaultLocale) → string. `text` is a description Text:
//   a string (the same in every locale) or {<locale>: string}; a locale
//   without an entry falls back to defaultLocale's, then to ''. Anything
//   else (null, a number) gives ''. Never markup: callers set textContent.
// chartCopy(locale) → the renderer's strings: Chinese for 'zh' (and 'zh-…'),
//   English for every other locale (UI copy beyond en/zh falls back to en;
//   the description's own Text keeps its locale). Both have the same keys.
// tabLabel(view, locale, defaultLocale) → the text of a view's tab: its `tab`
//   (the short label) in the locale, else its `title` (textOf both ways).
// valueLabel(text, unit) → "12.5 mpg" (the number text, then the unit, if any).
// sameOrigin(url, base, origin) → the absolute URL of `url` (resolved against
//   `base`) if it is on `origin`, else null (also for a URL that does not parse).

const own = (o, k) => o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k);

export function textOf(text, locale, defaultLocale) {
  if (typeof text === 'string') return text;
  if (text === null || typeof text !== 'object' || Array.isArray(text)) return '';
  if (own(text, locale) && typeof text[locale] === 'string') return text[locale];
  if (own(text, defaultLocale) && typeof text[defaultLocale] === 'string') return text[defaultLocale];
  return '';
}

export function tabLabel(view, locale, defaultLocale) {
  if (view === null || typeof view !== 'object') return '';
  return textOf(view.tab, locale, defaultLocale) || textOf(view.title, locale, defaultLocale);
}

export function valueLabel(text, unit) {
  if (!text) return '';
  return unit ? `${text} ${unit}` : text;
}

const count = (n, one, many) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const enList = (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

const en = Object.freeze({
  list: enList,
  sep: ' ',
  sources: 'Sources: ',
  scale: 'Scale',
  scales: { linear: 'Linear', log: 'Logarithmic' },
  series: 'Series',
  value: 'Value',
  views: 'Views of the chart',
  groupBy: 'Group by',
  sortBy: 'Sort by',
  sorts: { value: 'Value', count: 'Count', name: 'Name' },
  countHead: 'Rows\n(with a value)',
  countLine: (n, valued) => `${n} in all, ${valued} with a figure`,
  detailHead: (name, n) => `${name} (${n.toLocaleString('en-GB')})`,
  pick: 'Select a mark to list what it is made of.',
  noFigure: 'no figure',
  yes: 'yes',
  no: 'no',
  comma: ', ',
  listSep: '; ',
  lowSource: 'low-confidence source',
  zoom: 'Show',
  projection: 'Projection',
  projections: { 'equal-earth': 'Equal Earth', 'natural-earth': 'Natural Earth', mercator: 'Mercator', equirectangular: 'Equirectangular' },
  projectionNotes: {
    'equal-earth': 'Equal Earth projection: areas are true to scale.',
    'natural-earth': 'Natural Earth projection: a compromise between true areas and true shapes.',
    mercator: 'Mercator projection: land far from the equator looks much larger than it is.',
    equirectangular: 'Equirectangular projection: longitude and latitude as a square grid, stretching land towards the poles.',
  },
  colourBy: 'Colour by',
  several: 'Several',
  notGiven: 'Not given',
  colourLine: (label, name) => `${label}: ${name}`,
  splitLine: (name, value, n) => `${name}: ${value} (${n})`,
  mapArea: (y) => `Circle area is proportional to ${y}; a small hollow circle marks a place whose rows have no figure.`,
  mapSplit: 'Each circle is divided by the shares of its sum, computed by the engine; rows without a figure get no slice.',
  mapOutside: (list) => `Not in this view: ${list}.`,
  mapNoFigure: 'No figure',
  place: 'Place',
  colon: ': ',
  helpSelect: 'Use the arrow keys to read each value; press Enter to list the rows behind it.',
  helpMap: 'Use the arrow keys to move between places, west to east; press Enter to list the rows behind one.',
  more: (n) => `and ${n.toLocaleString('en-GB')} more`,
  lowLeftOut: (n) => `${count(n, 'row', 'rows')} whose only sources are rated low confidence ${n === 1 ? 'is' : 'are'} left out.`,
  missingX: (n, x) => `${count(n, 'row has', 'rows have')} no value for ${x} and ${n === 1 ? 'is' : 'are'} left out.`,
  missingYGap: (n, y) => `${count(n, 'row has', 'rows have')} no value for ${y}: ${n === 1 ? 'a gap' : 'gaps'}, never filled in.`,
  missingYLeft: (n, y) => `${count(n, 'row has', 'rows have')} no value for ${y} and ${n === 1 ? 'is' : 'are'} left out of the figures.`,
  countOf: (column) => `Count of ${column}`,
  missingSeries: (n, s) => `${count(n, 'row has', 'rows have')} no value for ${s} and ${n === 1 ? 'is' : 'are'} left out.`,
  moreSeries: (n, names) => `Only the first 12 series are drawn; ${count(n, 'more is', 'more are')} left out: ${enList(names)}.`,
  logLeftOut: (n) => `On the logarithmic scale ${count(n, 'value', 'values')} at or below zero ${n === 1 ? 'is' : 'are'} not drawn.`,
  decimated: (label, n, kept) => `${label}: ${count(n, 'point', 'points')}, drawn from the ${kept.toLocaleString('en-GB')} the engine keeps for this width (first, lowest, highest and last per pixel column); the table lists those.`,
  annotation: (x, text) => `${x}: ${text}`,
  referenceQ: 'Given by the source, not computed from the data',
  referenceMissing: (items) => `No figure for ${enList(items)}: not drawn.`,
  tooManyPoints: (n, max) => `${n.toLocaleString('en-GB')} points: more than the ${max.toLocaleString('en-GB')} this chart draws as dots, so none are drawn. Give y an aggregate (a mean or median of each x, for example) or filter the rows.`,
  tooManyPointsShort: (n) => `Too many points for dots: ${n.toLocaleString('en-GB')}`,
  highLow: ({ high, highAt, low, lowAt }) => `Highest: ${highAt}, ${high}. Lowest: ${lowAt}, ${low}.`,
  tied: (items) => (items.length <= 4 ? enList(items) : `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`),
  inSeries: (x, series) => `${x} (${series})`,
  single: ({ value, at }) => `${at}: ${value}.`,
  // a line from its first to its last drawn point; years: x is a year-like whole number
  change: ({ series, first, firstAt, last, lastAt, dir, years, x }) => {
    const at = (v) => (years ? `in ${v}` : `(${x} = ${v})`);
    if (dir === 0) return `${series} was ${first} ${at(firstAt)} and ${last} ${at(lastAt)}.`;
    return `${series} ${dir > 0 ? 'rose' : 'fell'} from ${first} ${at(firstAt)} to ${last} ${at(lastAt)}.`;
  },
  nothing: 'Nothing to draw: no row of the table has both values.',
  trendNote: ({ method, horizon, level }) => `Dashed lines and shaded bands are trend projections, not forecasts: each extends one series’ own drawn points ${horizon} ${horizon === 1 ? 'step' : 'steps'} ahead by ${method}; the band is the ${level} prediction interval, which assumes the past trend simply continues.`,
  trendSentence: ({ series, x, value, level, lo, hi }) => `${series}: the trend projection reaches ${value} at ${x} (${level} interval: ${lo} to ${hi}).`,
  trendDeclined: (series, reason) => `No trend projection for ${series}: ${reason}`,
  mapNonPositive: (n) => `${count(n, 'country has', 'countries have')} a value at or below zero: ${n === 1 ? 'a hollow marker' : 'hollow markers'}, not sized.`,
  mapUnplaced: (list) => `Not on the map (no country shape for the code): ${list}.`,
  mapLoading: 'Loading the map…',
  mapFailed: (message) => `The map could not be drawn: ${message}`,
  errorPrefix: 'Could not draw the chart: ',
  loading: 'Loading the chart…',
  noDescription: 'no chart description: this page needs one inline, in a #c= link or as ?d=<address of a description>.',
  badInline: (message) => `the chart block in this page is not JSON (${message}).`,
  notObject: (what) => `${what} must be a JSON object.`,
  crossOrigin: (url) => `${url} is on another site; this page reads descriptions and data from its own site only.`,
  noData: 'the description names no data: give it inline or as dataset.url.',
  fetch: (url, message) => `could not fetch ${url}: ${message}`,
  http: (url, status) => `could not fetch ${url}: HTTP ${status}.`,
});

const zhList = (items) => items.join('、');

const zh = Object.freeze({
  list: zhList,
  sep: '',
  sources: '来源：',
  scale: '刻度',
  scales: { linear: '线性', log: '对数' },
  series: '系列',
  value: '数值',
  views: '图表视图',
  groupBy: '分组',
  sortBy: '排序',
  sorts: { value: '数值', count: '数量', name: '名称' },
  countHead: '行数\n（有数值）',
  countLine: (n, valued) => `共${n}项，其中${valued}项有数值`,
  detailHead: (name, n) => `${name}（${n}）`,
  pick: '选择一个标记以列出其组成。',
  noFigure: '无数据',
  yes: '是',
  no: '否',
  comma: '，',
  listSep: '；',
  lowSource: '低可信度来源',
  zoom: '范围',
  projection: '投影',
  projections: { 'equal-earth': '等积地球', 'natural-earth': '自然地球', mercator: '墨卡托', equirectangular: '等距圆柱' },
  projectionNotes: {
    'equal-earth': '等积地球投影：面积比例真实。',
    'natural-earth': '自然地球投影：在面积和形状之间折中。',
    mercator: '墨卡托投影：远离赤道的陆地看起来比实际大得多。',
    equirectangular: '等距圆柱投影：经纬线画成方格，越近两极陆地被拉伸得越多。',
  },
  colourBy: '着色',
  several: '多个',
  notGiven: '未注明',
  colourLine: (label, name) => `${label}：${name}`,
  splitLine: (name, value, n) => `${name}：${value}（${n}）`,
  mapArea: (y) => `圆圈面积与${y}成正比；小空心圆表示该地点的各行均无数值。`,
  mapSplit: '每个圆圈按其总和中各部分的占比划分，由引擎计算；没有数值的行不占扇区。',
  mapOutside: (list) => `不在当前范围内：${list}。`,
  mapNoFigure: '无数值',
  place: '地点',
  colon: '：',
  helpSelect: '用方向键逐个读取数值；按回车键列出其背后的各行。',
  helpMap: '用方向键由西向东逐个浏览地点；按回车键列出其背后的各行。',
  more: (n) => `另有${n}项`,
  lowLeftOut: (n) => `${n}行的来源可信度均低，未计入。`,
  missingX: (n, x) => `${n}行缺少“${x}”的值，未计入。`,
  missingYGap: (n, y) => `${n}行缺少“${y}”的值：显示为空缺，不作填补。`,
  missingYLeft: (n, y) => `${n}行缺少“${y}”的值，未计入数字。`,
  countOf: (column) => `“${column}”计数`,
  missingSeries: (n, s) => `${n}行缺少“${s}”的值，未计入。`,
  moreSeries: (n, names) => `只绘制前12个系列；另有${n}个未绘制：${zhList(names)}。`,
  logLeftOut: (n) => `对数刻度下，${n}个小于或等于零的数值未绘制。`,
  decimated: (label, n, kept) => `${label}：共${n}个点，按此宽度由引擎保留${kept}个点绘制（每个像素列的首、最低、最高和末点）；表格列出的是这些点。`,
  annotation: (x, text) => `${x}：${text}`,
  referenceQ: '来源给出的数字，并非由数据计算',
  referenceMissing: (items) => `${zhList(items)}无数据，未绘制。`,
  tooManyPoints: (n, max) => `共${n}个点，超过本图以圆点绘制的上限${max}个，因此未绘制。请为 y 设置汇总（例如每个 x 的平均值或中位数），或筛选行。`,
  tooManyPointsShort: (n) => `点过多，未绘制：${n}个`,
  highLow: ({ high, highAt, low, lowAt }) => `最高：${highAt}，${high}。最低：${lowAt}，${low}。`,
  tied: (items) => (items.length <= 4 ? zhList(items) : `${items.slice(0, 3).join('、')}等${items.length}项`),
  inSeries: (x, series) => `${x}（${series}）`,
  single: ({ value, at }) => `${at}：${value}。`,
  change: ({ series, first, firstAt, last, lastAt, dir, years, x }) => {
    if (dir === 0) return years ? `${series}在${firstAt}年和${lastAt}年均为${first}。` : `${series}在${x}为${firstAt}和${lastAt}时均为${first}。`;
    const verb = dir > 0 ? '升至' : '降至';
    if (years) return `${series}从${firstAt}年的${first}${verb}${lastAt}年的${last}。`;
    return `${series}从${first}（${x} = ${firstAt}）${verb}${last}（${x} = ${lastAt}）。`;
  },
  nothing: '没有可绘制的内容：表中没有同时具备两个值的行。',
  trendNote: ({ method, horizon, level }) => `虚线和阴影带为趋势推算，并非预测：按${method}将每个系列自身已绘制的数据点向后延伸${horizon}步；阴影带为${level}预测区间，假设过去的趋势不变。`,
  trendSentence: ({ series, x, value, level, lo, hi }) => `${series}：趋势推算在${x}达到${value}（${level}区间：${lo}至${hi}）。`,
  trendDeclined: (series, reason) => `${series}无趋势推算：${reason}`,
  mapNonPositive: (n) => `${n}个国家的数值小于或等于零：显示为空心标记，不按大小绘制。`,
  mapUnplaced: (list) => `未在地图上显示（代码没有对应的国家形状）：${list}。`,
  mapLoading: '正在加载地图……',
  mapFailed: (message) => `无法绘制地图：${message}`,
  errorPrefix: '无法绘制图表：',
  loading: '正在加载图表……',
  noDescription: '没有图表描述：本页需要内嵌的描述、#c= 链接或 ?d=<描述地址>。',
  badInline: (message) => `本页内嵌的图表数据块不是 JSON（${message}）。`,
  notObject: (what) => `${what}必须是 JSON 对象。`,
  crossOrigin: (url) => `${url}位于其他网站；本页只读取本站的描述和数据。`,
  noData: '描述未指明数据：请内嵌数据或提供 dataset.url。',
  fetch: (url, message) => `无法获取${url}：${message}`,
  http: (url, status) => `无法获取${url}：HTTP ${status}。`,
});

export function chartCopy(locale) {
  return typeof locale === 'string' && (locale === 'zh' || locale.startsWith('zh-')) ? zh : en;
}

export function sameOrigin(url, base, origin) {
  if (typeof url !== 'string') return null;
  try {
    const u = new URL(url, base);
    return u.origin === origin && origin !== 'null' ? u.href : null;
  } catch {
    return null;
  }
}
