// zh_text.mjs — the project's own Simplified Chinese text for names and labels in ev_story.json
// (shared data rule 6: names come from a table in data/, never from browser locale data).
//
// Written by this project, not copied from any source. Each entry renders its English key and adds
// nothing: no number that the English does not carry (dates keep their day, month and year; month
// names become month numbers), no figure rescaled to 万 or 亿, no new fact. Latin-script names are
// kept where no established Chinese name was found for them (Ebro EV Motors, Al Mada, PT Antam,
// InoBat, Huaxiang Refining, InfoLink, NZIPL). build_story_dataset.mjs checks that every key is used
// in the data and every string of the data has an entry.

// Names by kind, keyed by the exact English string used in the data.
export const NAMES_ZH = Object.freeze({
  company: Object.freeze({
    'CATL': '宁德时代',
    'CATL / Stellantis (50:50 JV)': '宁德时代/斯泰兰蒂斯（50:50合资）',
    'CATL-led consortium (CBL: CATL/Brunp/Lygend) with PT Antam and Indonesia Battery Corp.':
      '宁德时代牵头的联合体（CBL：宁德时代/邦普/力勤）与PT Antam及印尼电池公司',
    'BYD': '比亚迪',
    'Chery (JV with Ebro EV Motors)': '奇瑞（与Ebro EV Motors合资）',
    'Chery': '奇瑞',
    'Gotion High-Tech': '国轩高科',
    'Gotion InoBat Batteries (Gotion–InoBat JV)': '国轩InoBat电池（国轩与InoBat合资）',
    'Gotion': '国轩高科',
    'Envision AESC': '远景动力',
    'CALB': '中创新航',
    'EVE Energy (EVE Power)': '亿纬锂能（亿纬动力）',
    'Sunwoda': '欣旺达',
    'Svolt Energy': '蜂巢能源',
    'Great Wall Motor': '长城汽车',
    'CNGR Advanced Material (JV with Al Mada)': '中伟股份（与Al Mada合资）',
    'BTR New Material': '贝特瑞',
    'Huayou Cobalt (Huaxiang Refining Indonesia JV)': '华友钴业（Huaxiang Refining印尼合资企业）',
    'Huayou Cobalt': '华友钴业',
    'GAC Group (GAC Motor)': '广汽集团（广汽乘用车）',
    'Leapmotor International (Stellantis 51% / Leapmotor 49%)': '零跑国际（斯泰兰蒂斯51%/零跑49%）',
    'GAC Aion': '广汽埃安',
    'Changan Automobile': '长安汽车',
    'SAIC Motor (MG)': '上汽集团（名爵）',
    'CATL-Stellantis JV': '宁德时代-斯泰兰蒂斯合资企业',
    'EVE Energy': '亿纬锂能',
    'SVOLT': '蜂巢能源',
    'Envision AESC (all overseas)': '远景动力（全部海外）',
    'CATL (all overseas)': '宁德时代（全部海外）',
  }),
  region: Object.freeze({
    'Europe': '欧洲',
    'Southeast Asia': '东南亚',
    'Latin America': '拉丁美洲',
    'North America': '北美洲',
    'Middle East & North Africa': '中东和北非',
    'Europe + Middle East & North Africa + Asia (combined)': '欧洲＋中东和北非＋亚洲（合计）',
    "UK + Germany + France ('Big Three')": '英国＋德国＋法国（“三大国”）',
    'all overseas': '全部海外',
    'United States': '美国',
    'East Asia': '东亚',
    'Hungary': '匈牙利',
  }),
  segment: Object.freeze({
    'battery cells': '电池电芯',
    'battery cells and modules': '电池电芯和模组',
    'battery cells (LFP)': '电池电芯（磷酸铁锂）',
    'integrated battery chain (nickel mining to cells, recycling)': '一体化电池产业链（从镍矿开采到电芯，以及回收）',
    'EV assembly': '电动汽车组装',
    'battery cells and materials': '电池电芯和材料',
    'battery materials (cathode/anode components)': '电池材料（正极/负极组件）',
    'battery cells and packs': '电池电芯和电池包',
    'battery cells (cylindrical)': '电池电芯（圆柱）',
    'battery packs / cells': '电池包/电芯',
    'vehicle assembly (hybrid/EV)': '整车组装（混动/电动）',
    'vehicle assembly (hybrids)': '整车组装（混动）',
    'battery materials (LFP cathode, NMC precursor)': '电池材料（磷酸铁锂正极、三元前驱体）',
    'battery materials (cathode)': '电池材料（正极）',
    'battery materials (nickel sulfate)': '电池材料（硫酸镍）',
    'battery materials complex': '电池材料综合基地',
    'EV / hybrid assembly': '电动/混动汽车组装',
    'EV parts and battery (plant expansion)': '电动汽车零部件和电池（工厂扩建）',
    'batteries': '电池',
    'batteries (mid-stream battery manufacturing)': '电池（中游电池制造）',
    'battery': '电池',
  }),
  market: Object.freeze({
    'total': '所有地点（未拆分）',
    'domestic': '国内（中国境内）',
    'overseas': '海外',
    'total (see definition)': '合计（见定义）',
  }),
});

// projects.status (free text) → Chinese, keyed by the exact English status.
export const STATUS_ZH = Object.freeze({
  'operating (official opening Jan 2023)': '运营中（2023年1月正式开业）',
  'under construction; module assembly since 2024; cell series production expected Mar/Apr 2026 (as of Dec 2025)':
    '在建；2024年起组装模组；电芯预计2026年3月/4月批量生产（截至2025年12月）',
  'planned; production targeted end-2026': '计划中；目标2026年底投产',
  'construction started 29 June 2025; phase 1 (6.9 GWh) targeted end-2026':
    '2025年6月29日开工；1期（6.9 GWh）目标2026年底',
  'production due to start late 2025 (as of Sept 2025)': '预计2025年末投产（截至2025年9月）',
  'operating (opened 4 July 2024; 150,000 vehicles/yr)': '运营中（2024年7月4日开业；每年150,000辆）',
  'operating (production started July 2025; inaugurated 9 Oct 2025)': '运营中（2025年7月开始生产；2025年10月9日落成）',
  'under construction; completion targeted end-2025 (as of early 2025)': '在建；目标2025年底竣工（截至2025年初）',
  'halted / on hold (July 2025)': '暂停/搁置（2025年7月）',
  'operating (production started Nov 2024)': '运营中（2024年11月开始生产）',
  'planned (contract stage, 2025)': '计划中（合同阶段，2025年）',
  'planned; start-up targeted 2026': '计划中；目标2026年投产',
  'construction began Oct 2025; pilot production Sept 2026, series production 2027':
    '2025年10月开工；2026年9月试生产，2027年批量生产',
  'stalled; state declared default Sept 2025': '停滞；州政府于2025年9月宣布其违约',
  'not established in stored material': '现有资料未能确认',
  'operating (inaugurated 3 June 2025; 10 GWh initial)': '运营中（2025年6月3日落成；初期10 GWh）',
  'under construction since 8 July 2024; operations targeted 2026': '自2024年7月8日起在建；目标2026年投入运营',
  'construction starting 2025; production expected 2028 (delayed from end-2025)':
    '2025年开工；预计2028年投产（由原定2025年底推迟）',
  'planned; handover scheduled 2026': '计划中；定于2026年交付',
  'planned; opening targeted end-2025 (as reported 2023)': '计划中；目标2025年底开业（2023年报道）',
  'cancelled (European operations ended 31 Jan 2025)': '已取消（欧洲业务于2025年1月31日结束）',
  'operating (opened June 2021)': '运营中（2021年6月开业）',
  'operating (inaugurated 15 Aug 2025)': '运营中（2025年8月15日落成）',
  'planned (first output targeted 2025 as reported in 2023)': '计划中（据2023年报道，目标2025年首次产出）',
  'planned; first phase Sept 2026': '计划中；首期2026年9月',
  'announced (Q2 2025)': '已宣布（2025年第2季度）',
  'planned (local production 2025/26)': '计划中（2025/26年本地生产）',
  'planned; mass production Q1 2026': '计划中；2026年第1季度量产',
  'opened July 2024; production from Nov 2024 (as planned July 2024)':
    '2024年7月开业；2024年11月起生产（按2024年7月的计划）',
  'planned (as reported 2023)': '计划中（2023年报道）',
});

// series.id → Chinese title and unit. The unit is the unit of the stored values (so "USD bn" is
// 十亿美元, not 亿美元: the page converts values for display, the data never changes).
export const SERIES_ZH = Object.freeze({
  rhodium_2025_zev_investment_r2: {
    name: '中国零排放汽车（电动汽车）供应链制造业投资（已宣布）：国内与海外（荣鼎咨询，2025年8月报告）',
    unit: '十亿美元',
  },
  china_domestic_capacity_utilisation_scmp: {
    name: '中国境内工厂产能利用率，2023年（荣鼎咨询，据《南华早报》）',
    unit: '%',
  },
  merics_rhodium_chinese_fdi_europe_total: {
    name: '中国对欧盟和英国已完成的直接投资，所有行业（荣鼎咨询与墨卡托中国研究中心）',
    unit: '十亿欧元',
  },
  merics_rhodium_chinese_greenfield_europe: {
    name: '中国在欧盟和英国的绿地投资（荣鼎咨询与墨卡托中国研究中心）',
    unit: '十亿欧元',
  },
  merics_rhodium_europe_ev_share: {
    name: '汽车/电动汽车在中国对欧洲直接投资中的占比（荣鼎咨询与墨卡托中国研究中心）',
    unit: '占中国对欧盟和英国直接投资的百分比',
  },
  merics_rhodium_europe_battery_cumulative: {
    name: '中国在欧洲已宣布的电池投资，2018年以来累计（墨卡托中国研究中心/荣鼎咨询，据《纽约时报》）',
    unit: '十亿美元',
  },
  caam_nev_production: { name: '中国新能源汽车产量（中国汽车工业协会）', unit: '辆' },
  caam_nev_sales: { name: '中国新能源汽车销量（中国汽车工业协会）', unit: '辆' },
  miit_nev_production: { name: '中国新能源汽车产量（工业和信息化部），供比较', unit: '辆' },
  caam_nev_market_share: { name: '新能源汽车占中国新车销量的比例（中国汽车工业协会）', unit: '%' },
  caam_nev_exports: { name: '中国新能源汽车出口量（中国汽车工业协会）', unit: '辆' },
  cpca_nev_exports: { name: '中国新能源汽车出口量（乘联会），供比较', unit: '辆' },
  caam_vehicle_exports_total: { name: '中国汽车出口总量，所有动力类型（中国汽车工业协会）', unit: '辆' },
  china_liion_battery_exports_cny: { name: '中国锂离子电池出口额，以人民币计', unit: '十亿元人民币' },
  china_liion_battery_exports_usd: { name: '中国锂离子电池出口额，以美元计', unit: '十亿美元' },
  infolink_overseas_planned_cell_capacity_by_region: {
    name: '中国电池企业规划的海外电芯产能（按地区），截至2023年12月31日（InfoLink）',
    unit: 'GWh',
  },
  overseas_battery_capacity_snapshots_other: {
    name: '中国企业规划的海外电池产能的其他合计数（未注明日期或低可信度的快照）',
    unit: 'GWh',
  },
  overseas_battery_project_capacity: { name: '中国企业单个海外电池项目的产能', unit: 'GWh' },
  nzipl_overseas_cleantech_projects: { name: '中国企业宣布的海外清洁技术制造项目（NZIPL数据库）', unit: '个项目' },
  nzipl_overseas_cleantech_pledged_value: {
    name: '中国企业承诺的海外清洁技术制造投资额（NZIPL数据库）',
    unit: '十亿美元',
  },
  ccid_overseas_liion_projects_cumulative: {
    name: '中国企业海外锂电池产业项目，累计（赛迪顾问）',
    unit: '个项目',
  },
});

const MONTH_WORD = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?:uary|ruary|ch|il|e|y|ust|t|tember|ober|ember)?\b/g;
const MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

// Returns the numbers written in `text` as strings without thousands separators
// ("150,000" → "150000", "6.9" → "6.9"). With { months: true }, English month names
// (Jan, June, Sept, …) also count as their month number, so "Jan 2023" carries "1" and "2023".
export function numbersOf(text, { months = false } = {}) {
  const out = (String(text).match(/\d+(?:,\d{3})*(?:\.\d+)?/g) ?? []).map((n) => n.replace(/,/g, ''));
  if (months) {
    for (const m of String(text).matchAll(MONTH_WORD)) {
      out.push(String(MONTHS[m[1].toLowerCase()]));
    }
  }
  return out;
}
