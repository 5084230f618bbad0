// The search benchmark's queries (issue 14, "How fast"), by class, as a reader types them in the
// search box: a query that ends in a letter has its last word looked for as a prefix (search/
// query.ts), so "immigrant" also finds "immigrants"; only the phrase class ends in a quote.
// Each is run once per reader language (en, es, zh-Hans), which changes what ranks first.

export interface QueryClass {
  name: string;
  queries: readonly string[];
  /** Whether every query of the class must find something (otherwise the figure means nothing). */
  finds: "something" | "nothing";
}

export const QUERY_CLASSES: readonly QueryClass[] = [
  {
    name: "en common word",
    queries: [
      "immigrant",
      "community",
      "families",
      "federal",
      "housing",
      "city",
      "program",
      "rights",
    ],
    finds: "something",
  },
  {
    // Words at the tail of the vocabulary (a few percent of documents) and place names (a handful).
    name: "en rare word",
    queries: [
      "waitlist",
      "wyoming",
      "backlogs",
      "Autaugaville",
      "Millbrook",
      "Piñon",
      "Marbury",
      "Kickapoo",
    ],
    finds: "something",
  },
  {
    name: "en two words",
    queries: [
      "municipal identification",
      "public charge",
      "language access",
      "legal services",
      "immigrant families",
      "federal rule",
      "city council",
      "green card",
    ],
    finds: "something",
  },
  {
    name: "phrase in quotes",
    queries: [
      '"public charge"',
      '"language access"',
      '"immigrant families"',
      '"the city"',
      '"of the"',
      '"carga pública"',
      "「移民社区」",
      '"Pine Level"',
    ],
    finds: "something",
  },
  {
    name: "prefix (last word partial)",
    queries: ["immig", "comm", "natur", "fa", "pub", "municipal ide", "public cha", "inmigr"],
    finds: "something",
  },
  {
    name: "es with accents",
    queries: [
      "inmigración",
      "lingüístico",
      "pública",
      "política",
      "naturalización",
      "identificación municipal",
    ],
    finds: "something",
  },
  {
    name: "es without accents",
    queries: [
      "inmigracion",
      "linguistico",
      "publica",
      "politica",
      "naturalizacion",
      "identificacion municipal",
    ],
    finds: "something",
  },
  {
    name: "zh two-character word",
    queries: ["移民", "社区", "城市", "政策", "家庭", "居民", "服务", "语言"],
    finds: "something",
  },
  {
    name: "zh two words",
    queries: ["移民 社区", "市政 身份", "语言 服务", "家庭 分离", "公共 负担", "移民家庭"],
    finds: "something",
  },
  {
    name: "matches nothing",
    queries: ["zzyzx", "qwertyuiop", "xylophonist", "inmigracionx", "龘靐", "immigrant zzyzx"],
    finds: "nothing",
  },
];
