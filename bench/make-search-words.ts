// Makes bench/search-words.json, the vocabulary of the search benchmark's corpus (search-corpus.ts):
// for each language a list of words, most frequent first, which the corpus draws from with a
// Zipf-like frequency by rank. Run once and committed, so the corpus stays the same when the
// catalogs change: `node --import tsx bench/make-search-words.ts`.
//
// The head is written here by hand: the function words of each language in about the order of
// their frequency in prose, then the coalition's own words (immigration, public charge, municipal
// ID, language access...) so that queries for them hit the frequencies they would in its library.
// The tail is every other word of the project's own texts in that language (the message catalogs
// and the demo seed texts), by how often it occurs there: real words of the domain, not syllables.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as campaigns from "../src/campaigns/campaigns.seed.texts.js";
import { en } from "../src/content/seed/en.js";
import { es } from "../src/content/seed/es.js";
import { zhHans } from "../src/content/seed/zh-hans.js";
import * as resources from "../src/resources/resources.seed.texts.js";

const LANGS = ["en", "es", "zh-Hans"] as const;
type Lang = (typeof LANGS)[number];

const HEAD: Record<Lang, string> = {
  en: `the of and to a in that is for it on with as was by are be this from at or have an their
    not but has which will they more its can were been we who also our about would all other
    than into these new after people one out them some may what there when so only if how most
    over such many those each through between under while before because during where both
    since any do must against said year years two first last now just like could should even
    immigrant immigrants immigration residents community communities city cities county
    counties federal state local public charge rule rules comment comments policy policies
    family families children parents workers work services service program programs health
    housing language access legal rights support coalition members member resources report
    data census government law laws protection protected status temporary deferred action
    youth daca tps citizenship citizens citizen naturalization asylum refugee refugees visa
    green card municipal identification id documents office affairs welcome welcoming
    schools education students enforcement deportation detention separation reform congress
    administration agency department homeland security benefits medicaid food assistance
    employment jobs economy economic business businesses taxes neighbors safety police trust
    outreach interpretation translation languages english spanish chinese multilingual
    advocates advocacy campaign letter signed funding budget grant grants nonprofit
    organizations partners leaders region regional national nationwide court ruling
    decision lawsuit proposed final period deadline docket register mayor mayors council
    executive executives undocumented mixed households pathway dreamers recipients
    application applications fees clinic clinics library libraries hearing testimony
    inclusion integration belonging vote voting election civic engagement`,
  es: `de la que el en y a los del se las por un para con no una su al lo como más pero sus le
    ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien
    desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto antes
    algunos qué unos otro otras otra él tanto esa estos mucho quienes nada muchos cual poco
    ella estar estas algunas algo nosotros según además así después está están será había
    través último últimos días año años dos primer cada
    inmigración inmigrante inmigrantes residentes comunidad comunidades ciudad ciudades
    condado condados federal estatal local pública público carga regla reglas comentario
    comentarios política políticas familia familias niños padres trabajadores trabajo
    servicios servicio programa programas salud vivienda idioma idiomas acceso lingüístico
    lingüística legal legales derechos apoyo coalición miembros miembro recursos informe
    datos censo gobierno ley leyes protección protegido estatus temporal acción diferida
    jóvenes ciudadanía ciudadano ciudadanos naturalización asilo refugiado refugiados visa
    tarjeta residencia municipal identificación documentos oficina asuntos bienvenida
    escuelas educación estudiantes deportación detención separación reforma congreso
    administración agencia departamento seguridad nacional beneficios alimentos asistencia
    empleo economía económico negocios impuestos vecinos policía confianza divulgación
    interpretación traducción inglés español chino multilingüe defensores campaña carta
    firma financiamiento presupuesto subvención organizaciones socios líderes región
    tribunal decisión demanda propuesta plazo registro alcalde alcaldesa alcaldes concejo
    indocumentados hogares camino soñadores beneficiarios solicitud solicitudes tarifas
    clínica clínicas biblioteca bibliotecas audiencia testimonio inclusión integración
    voto elecciones cívica participación`,
  "zh-Hans": `的 了 和 是 在 我们 他们 这 那 有 也 就 都 为 与 对 及 将 从 被 把 等 中 上 下 个 一 不
    人 会 可以 这些 已经 以及 如果 因为 所以 但是 并 其 各 更 最 年 月 日 这个 一些 没有 通过
    进行 他 她 自己 之 所 后 前 时 由 向 让 能 要 还 又 很 多 大 新
    移民 社区 城市 政策 家庭 居民 服务 语言 身份 工作 联盟 成员 县 市长 议会 联邦 州 地方 公共
    负担 规则 评论 意见 儿童 父母 工人 项目 健康 住房 法律 权利 支持 资源 报告 数据 人口 普查
    政府 保护 临时 身份证 市政 公民 入籍 庇护 难民 签证 绿卡 文件 办公室 事务 学校 教育 学生
    执法 驱逐 拘留 分离 改革 国会 部门 安全 福利 食品 援助 就业 经济 企业 税收 邻居 警察 信任
    翻译 口译 英语 西班牙语 中文 倡导 活动 信函 签署 资金 预算 拨款 组织 伙伴 领导 地区 全国
    法院 裁决 诉讼 提议 截止 日期 申请 欢迎 合法 无证 青年 梦想 计划 医疗 补助 社会 权益
    多语种 包容 融合 参与 投票 选举 公平 机会 家人 团聚 费用 诊所 图书馆 听证会 证词 行政
    首长 官员 联邦政府 法规 措施 影响 问题 情况 发展 国家 美国 地区 提供 帮助 需要 保障`,
};

/**
 * The coalition's set phrases, each drawn as one word (its words joined by "_", which the corpus
 * turns into a space, or into nothing in Chinese), at a rank where it is in about a third of the
 * documents: without them a phrase query would find only what chance put side by side.
 */
const PHRASES: Record<Lang, string> = {
  en: `public_charge language_access municipal_identification municipal_id immigrant_families
    immigrant_residents legal_services family_separation green_card city_council
    federal_government temporary_protected_status deferred_action comment_period
    welcoming_cities`,
  es: `carga_pública acceso_lingüístico identificación_municipal familias_inmigrantes
    residentes_inmigrantes servicios_legales separación_familiar tarjeta_verde
    concejo_municipal gobierno_federal estatus_de_protección_temporal acción_diferida
    período_de_comentarios ciudades_acogedoras`,
  "zh-Hans": `公共_负担 语言_服务 市政_身份证 移民_家庭 移民_居民 法律_服务 家庭_分离 市_议会
    联邦_政府 临时_保护_身份 暂缓_遣返 意见_征集期 移民_社区`,
};
const PHRASES_AT = 400;

/** Words a language's texts hold that are not words of it: ICU syntax, other languages' names. */
const NOT_WORDS = new Set(["plural", "select", "selectordinal", "other", "offset", "gov"]);
const SHAPE: Record<Lang, RegExp> = {
  en: /^(?:[a-z]{2,}|a|i)$/,
  es: /^(?:[a-zñáéíóúü]{2,}|a|e|o|u|y)$/,
  "zh-Hans": /^\p{Script=Han}{1,4}$/u,
};

/** Every string under `value`, by language: a subtree under a language key is that language's. */
function collect(value: unknown, lang: Lang | undefined, out: Record<Lang, string[]>) {
  if (typeof value === "string") {
    if (lang) out[lang].push(value);
  } else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      collect(v, (LANGS as readonly string[]).includes(key) ? (key as Lang) : lang, out);
    }
  }
}

const texts: Record<Lang, string[]> = { en: [], es: [], "zh-Hans": [] };
for (const lang of LANGS) {
  const dir = join("src/i18n/locales", lang);
  for (const file of readdirSync(dir).sort()) {
    collect(JSON.parse(readFileSync(join(dir, file), "utf8")), lang, texts);
  }
}
collect({ en, es, "zh-Hans": zhHans }, undefined, texts);
collect(resources, undefined, texts);
collect(campaigns, undefined, texts);

const segmenter = new Intl.Segmenter("und", { granularity: "word" });
const vocabulary: Record<string, string[]> = {};
for (const lang of LANGS) {
  const head = [...new Set(HEAD[lang].split(/\s+/).filter(Boolean))];
  const counts = new Map<string, number>();
  for (const text of texts[lang]) {
    // ICU arguments ({count}, {name}) and markup are not words of the text.
    const plain = text.replace(/\{[\w.]+(?:,[^{}]*)?\}/g, " ").replace(/<[^>]+>|https?:\S+/g, " ");
    for (const s of segmenter.segment(plain)) {
      const word = s.segment.toLowerCase();
      if (!s.isWordLike || !SHAPE[lang].test(word) || NOT_WORDS.has(word)) continue;
      if (lang === "es" && /^(one|two|few|many|zero)$/.test(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const taken = new Set(head);
  const tail = [...counts]
    .filter(([word]) => !taken.has(word))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([word]) => word);
  const phrases = PHRASES[lang].split(/\s+/).filter((p) => p && !taken.has(p) && !counts.has(p));
  vocabulary[lang] = [...head, ...tail.slice(0, PHRASES_AT), ...phrases, ...tail.slice(PHRASES_AT)];
  console.log(
    `${lang}: ${head.length} written here, ${phrases.length} phrases, ${tail.length} from the project's texts`,
  );
}
writeFileSync("bench/search-words.json", `${JSON.stringify(vocabulary)}\n`);
