// The demo library's words in English, Spanish and Simplified Chinese. The coalition's own
// sentences (the Immigration Reform page, the overview's family-separation report) are the seed
// documents' (/work/shared/seeds); the stories, transcripts, op-eds and messages are invented to
// show how the library works, and say so.
export type Three = { en: string; es: string; "zh-Hans": string };

export interface DemoText {
  title: Three;
  summary: Three;
  body: Three;
}

const DEMO_STORY: Three = {
  en: "*Demo transcript: this story was written to show how the library presents a video; it is not a real person's words.*",
  es: "*Transcripción de demostración: esta historia se escribió para mostrar cómo la biblioteca presenta un video; no son las palabras de una persona real.*",
  "zh-Hans": "*演示文字稿：此故事为展示资源库如何呈现视频而编写，并非真实人物的原话。*",
};

const story = (title: Three, summary: Three, words: Three): DemoText => ({
  title,
  summary,
  body: {
    en: `${DEMO_STORY.en}\n\n${words.en}`,
    es: `${DEMO_STORY.es}\n\n${words.es}`,
    "zh-Hans": `${DEMO_STORY["zh-Hans"]}\n\n${words["zh-Hans"]}`,
  },
});

export const STORIES: Record<"karen" | "isha" | "jose", DemoText> = {
  karen: story(
    {
      en: "Karen's story: a DACA recipient",
      es: "La historia de Karen: beneficiaria de DACA",
      "zh-Hans": "Karen 的故事：DACA 受益人",
    },
    {
      en: "Karen came to the United States as a child. With DACA she works as a nurse in the city she grew up in.",
      es: "Karen llegó a Estados Unidos de niña. Con DACA trabaja como enfermera en la ciudad donde creció.",
      "zh-Hans": "Karen 幼年来到美国。凭借 DACA，她在自己长大的城市担任护士。",
    },
    {
      en: "I was four when my parents brought me here. This city is the only home I remember. DACA let me finish nursing school, and now I care for my neighbors every night shift. Every two years I renew, and every two years I wait to learn whether I can keep doing this work. A clear path to citizenship would let me plan a life, not two years at a time.",
      es: "Tenía cuatro años cuando mis padres me trajeron aquí. Esta ciudad es el único hogar que recuerdo. DACA me permitió terminar la escuela de enfermería y ahora cuido a mis vecinos en cada turno de noche. Cada dos años renuevo, y cada dos años espero saber si podré seguir haciendo este trabajo. Un camino claro a la ciudadanía me dejaría planear una vida, no dos años a la vez.",
      "zh-Hans":
        "父母带我来这里时我四岁。这座城市是我记忆中唯一的家。DACA 让我读完了护理学校，如今我每个夜班都在照顾我的邻居。每两年我要续期一次，每两年都要等待，看自己能否继续这份工作。一条明确的入籍之路能让我规划人生，而不是两年两年地过。",
    },
  ),
  isha: story(
    {
      en: "Isha's story: a Documented Dreamer facing aging out",
      es: "La historia de Isha: una Documented Dreamer a punto de perder su estatus por edad",
      "zh-Hans": "Isha 的故事：面临超龄失去身份的“有证件的追梦人”",
    },
    {
      en: "Isha grew up here on her parents' work visas. At 21 she loses the status she has had since childhood.",
      es: "Isha creció aquí con las visas de trabajo de sus padres. A los 21 años pierde el estatus que ha tenido desde la infancia.",
      "zh-Hans": "Isha 依靠父母的工作签证在这里长大。21 岁时，她将失去自幼拥有的身份。",
    },
    {
      en: "My parents came here legally to work, and I have always had papers. But when I turn 21 I age out of their status, even though our green card application has waited in line for years. I study engineering at our state university. I want to build bridges in the city that raised me, not leave it because of a birthday.",
      es: "Mis padres vinieron legalmente a trabajar y yo siempre he tenido papeles. Pero al cumplir 21 años pierdo su estatus, aunque nuestra solicitud de residencia lleva años esperando en la fila. Estudio ingeniería en la universidad estatal. Quiero construir puentes en la ciudad que me crio, no irme por un cumpleaños.",
      "zh-Hans":
        "我的父母合法来这里工作，我也一直有合法身份。可是我满 21 岁时就会超龄，失去随父母获得的身份，尽管我们的绿卡申请已经排队多年。我在州立大学学习工程。我想在养育我的城市建桥，而不是因为一个生日被迫离开。",
    },
  ),
  jose: story(
    {
      en: "Jose's story: a TPS holder from El Salvador",
      es: "La historia de José: titular de TPS de El Salvador",
      "zh-Hans": "José 的故事：来自萨尔瓦多的 TPS 持有人",
    },
    {
      en: "Jose has lived and worked here for over twenty years under Temporary Protected Status.",
      es: "José ha vivido y trabajado aquí por más de veinte años con el Estatus de Protección Temporal.",
      "zh-Hans": "José 凭借临时保护身份在这里生活和工作了二十多年。",
    },
    {
      en: "I came from El Salvador after the earthquakes. I run a small construction business, I pay my taxes, and my children were born here. TPS has to be renewed again and again, and each time my family wonders whether this is the last. We have built our lives here; we ask for the chance to stay.",
      es: "Vine de El Salvador después de los terremotos. Tengo una pequeña empresa de construcción, pago mis impuestos y mis hijos nacieron aquí. El TPS se renueva una y otra vez, y cada vez mi familia se pregunta si será la última. Hemos construido nuestras vidas aquí; pedimos la oportunidad de quedarnos.",
      "zh-Hans":
        "地震之后，我从萨尔瓦多来到这里。我经营一家小型建筑公司，按时纳税，我的孩子都在这里出生。TPS 需要一次又一次地续期，每一次我的家人都担心这会不会是最后一次。我们已在这里扎根，只求有机会留下来。",
    },
  ),
};

export const TOOLKIT: DemoText & { section: Three } = {
  title: {
    en: "Advancing Immigration Reform: a messaging and advocacy toolkit",
    es: "Impulsar la reforma migratoria: manual de mensajes e incidencia",
    "zh-Hans": "推进移民改革：信息传播与倡导工具包",
  },
  summary: {
    en: "In partnership with New American Economy, Cities for Action has developed a messaging & advocacy toolkit to help your localities elevate messaging in support of immigration reform.",
    es: "En alianza con New American Economy, Cities for Action elaboró un manual de mensajes e incidencia para ayudar a sus localidades a difundir mensajes a favor de la reforma migratoria.",
    "zh-Hans":
      "Cities for Action 与 New American Economy 合作编写了这份信息传播与倡导工具包，帮助各地更有力地发出支持移民改革的声音。",
  },
  body: {
    en: "The toolkit includes key data on immigrant contributions, talking points for stakeholders, ready-to-post social media messaging & graphics and more. Sample messaging and graphics are on pages 22-24.",
    es: "El manual incluye datos clave sobre los aportes de los inmigrantes, puntos de conversación para las partes interesadas, mensajes y gráficos listos para publicar en redes sociales, y más. Los mensajes y gráficos de ejemplo están en las páginas 22 a 24.",
    "zh-Hans":
      "工具包包括移民贡献的关键数据、面向各方的谈话要点、可直接发布的社交媒体信息和图片等。示例信息和图片见第 22 至 24 页。",
  },
  section: {
    en: "Social media messages and graphics",
    es: "Mensajes y gráficos para redes sociales",
    "zh-Hans": "社交媒体信息和图片",
  },
};

export const SOCIAL_SET: DemoText = {
  title: {
    en: "Immigration reform: social media messages",
    es: "Reforma migratoria: mensajes para redes sociales",
    "zh-Hans": "移民改革：社交媒体信息",
  },
  summary: {
    en: "Please join us in uplifting support for immigration reform on social media.",
    es: "Únase a nosotros para impulsar en redes sociales el apoyo a la reforma migratoria.",
    "zh-Hans": "请与我们一起在社交媒体上为移民改革发声。",
  },
  body: {
    en: "Demo messages, written to show how the library offers them; the toolkit's own are on its pages 22-24.",
    es: "Mensajes de demostración, escritos para mostrar cómo los ofrece la biblioteca; los del manual están en sus páginas 22 a 24.",
    "zh-Hans": "演示信息，用于展示资源库如何提供信息；工具包中的信息见其第 22 至 24 页。",
  },
};

/** One message per platform and language (demo). */
export const MESSAGES: { platform: "x" | "facebook" | "bluesky"; text: Three }[] = [
  {
    platform: "x",
    text: {
      en: "Immigrants are our neighbors, nurses and business owners. Our cities call on Congress to pass #ImmigrationReform with a path to citizenship. (demo)",
      es: "Los inmigrantes son nuestros vecinos, enfermeros y empresarios. Nuestras ciudades piden al Congreso aprobar una #ReformaMigratoria con camino a la ciudadanía. (demo)",
      "zh-Hans":
        "移民是我们的邻居、护士和企业主。我们的城市呼吁国会通过包含入籍之路的移民改革。#ImmigrationReform（演示）",
    },
  },
  {
    platform: "bluesky",
    text: {
      en: "DACA recipients, TPS holders and Documented Dreamers make our cities stronger. It is time for immigration reform. (demo)",
      es: "Los beneficiarios de DACA, los titulares de TPS y los Documented Dreamers fortalecen nuestras ciudades. Es hora de la reforma migratoria. (demo)",
      "zh-Hans":
        "DACA 受益人、TPS 持有人和“有证件的追梦人”让我们的城市更强大。移民改革刻不容缓。（演示）",
    },
  },
  {
    platform: "facebook",
    text: {
      en: "Mayors and county executives across the country stand together for immigration reform: protect DACA and TPS holders, and create clear pathways to citizenship. (demo)",
      es: "Alcaldes y ejecutivos de condados de todo el país se unen por la reforma migratoria: proteger a los beneficiarios de DACA y TPS y crear caminos claros a la ciudadanía. (demo)",
      "zh-Hans":
        "全国各地的市长和县行政长官共同支持移民改革：保护 DACA 和 TPS 持有人，并建立明确的入籍之路。（演示）",
    },
  },
];

export const OP_EDS: (DemoText & { slug: string; datedOn: string })[] = [
  {
    slug: "demo-op-ed-essential-workers",
    datedOn: "2021-04-12",
    title: {
      en: "Demo op-ed: Immigrant workers kept our city running",
      es: "Artículo de demostración: Los trabajadores inmigrantes mantuvieron en marcha nuestra ciudad",
      "zh-Hans": "演示评论文章：移民劳动者让我们的城市持续运转",
    },
    summary: {
      en: "An invented op-ed by a demo mayor on immigrants in industries facing worker shortages during the COVID-19 pandemic.",
      es: "Un artículo inventado de un alcalde de demostración sobre los inmigrantes en sectores con escasez de trabajadores durante la pandemia de COVID-19.",
      "zh-Hans":
        "一篇虚构的演示评论文章，作者为演示市长，讲述新冠疫情期间移民在劳动力短缺行业中的贡献。",
    },
    body: {
      en: "*Demo op-ed: invented to show the library; no mayor wrote it.*\n\nWhen the pandemic came, immigrant workers stocked our grocery shelves, cared for our sick and kept our food supply moving. Congress should recognize what our communities already know, and pass immigration reform.",
      es: "*Artículo de demostración: inventado para mostrar la biblioteca; ningún alcalde lo escribió.*\n\nCuando llegó la pandemia, los trabajadores inmigrantes llenaron los estantes de nuestras tiendas, cuidaron a nuestros enfermos y mantuvieron el abasto de alimentos. El Congreso debe reconocer lo que nuestras comunidades ya saben y aprobar la reforma migratoria.",
      "zh-Hans":
        "*演示评论文章：为展示资源库而虚构，并非任何市长所写。*\n\n疫情来袭时，是移民劳动者为超市补货、照护病人、保障食品供应。国会应当承认我们的社区早已明白的事实，通过移民改革。",
    },
  },
  {
    slug: "demo-op-ed-dreamers-aging-out",
    datedOn: "2021-06-03",
    title: {
      en: "Demo op-ed: No young person should age out of the only home they know",
      es: "Artículo de demostración: Ningún joven debería perder por edad el único hogar que conoce",
      "zh-Hans": "演示评论文章：不应让任何年轻人因超龄失去唯一的家",
    },
    summary: {
      en: "An invented op-ed by a demo county executive on Documented Dreamers.",
      es: "Un artículo inventado de un ejecutivo de condado de demostración sobre los Documented Dreamers.",
      "zh-Hans": "一篇虚构的演示评论文章，作者为演示县行政长官，讲述“有证件的追梦人”。",
    },
    body: {
      en: "*Demo op-ed: invented to show the library; no county executive wrote it.*\n\nChildren who grew up here legally lose their status at 21 while their families wait in line. A fix is simple and overdue.",
      es: "*Artículo de demostración: inventado para mostrar la biblioteca; ningún ejecutivo de condado lo escribió.*\n\nNiños que crecieron aquí legalmente pierden su estatus a los 21 años mientras sus familias esperan en la fila. La solución es sencilla y urgente.",
      "zh-Hans":
        "*演示评论文章：为展示资源库而虚构，并非任何县行政长官所写。*\n\n在这里合法长大的孩子在家人排队等待期间，一满 21 岁就失去身份。解决办法很简单，而且早该落实。",
    },
  },
];

export const REPORT: DemoText = {
  title: {
    en: "On the Frontlines of the Family Separation Crisis: City Response and Best Practice for Assisting Families",
    es: "En la primera línea de la crisis de separación familiar: la respuesta de las ciudades y buenas prácticas para ayudar a las familias",
    "zh-Hans": "身处家庭分离危机第一线：城市的应对与援助家庭的最佳做法",
  },
  summary: {
    en: "In partnership with the Lumos Foundation: how local governments have stepped up in response to the family separation crisis.",
    es: "En alianza con la Fundación Lumos: cómo los gobiernos locales han respondido a la crisis de separación familiar.",
    "zh-Hans": "与 Lumos 基金会合作：地方政府如何挺身应对家庭分离危机。",
  },
  body: {
    en: "With case studies from New York City, the City and County of Los Angeles, and San Antonio, the report showcases how local governments have stepped up in response to the family separation crisis.\n\n*Demo entry: the report's file is not in the demo.*",
    es: "Con estudios de caso de la Ciudad de Nueva York, la Ciudad y el Condado de Los Ángeles y San Antonio, el informe muestra cómo los gobiernos locales han respondido a la crisis de separación familiar.\n\n*Entrada de demostración: el archivo del informe no está en la demostración.*",
    "zh-Hans":
      "报告收录纽约市、洛杉矶市和洛杉矶县以及圣安东尼奥的案例研究，展示地方政府如何挺身应对家庭分离危机。\n\n*演示条目：演示中不含报告文件。*",
  },
};

/** The case studies, by the demo roster slug of the member each features. */
export const CASE_STUDIES: { member: string; slug: string; place: Three }[] = [
  {
    member: "new-york-ny",
    slug: "family-separation-case-study-new-york-city",
    place: { en: "New York City", es: "la Ciudad de Nueva York", "zh-Hans": "纽约市" },
  },
  {
    member: "los-angeles-ca",
    slug: "family-separation-case-study-los-angeles",
    place: {
      en: "the City and County of Los Angeles",
      es: "la Ciudad y el Condado de Los Ángeles",
      "zh-Hans": "洛杉矶市和洛杉矶县",
    },
  },
  {
    member: "san-antonio-tx",
    slug: "family-separation-case-study-san-antonio",
    place: { en: "San Antonio", es: "San Antonio", "zh-Hans": "圣安东尼奥" },
  },
];

export const caseStudy = (place: Three): DemoText => ({
  title: {
    en: `Case study: ${place.en}`,
    es: `Estudio de caso: ${place.es}`,
    "zh-Hans": `案例研究：${place["zh-Hans"]}`,
  },
  summary: {
    en: `How ${place.en} responded to the family separation crisis (demo summary).`,
    es: `Cómo respondió ${place.es} a la crisis de separación familiar (resumen de demostración).`,
    "zh-Hans": `${place["zh-Hans"]}如何应对家庭分离危机（演示摘要）。`,
  },
  body: {
    en: "*Demo entry: the case study's text is in the report.*",
    es: "*Entrada de demostración: el texto del estudio de caso está en el informe.*",
    "zh-Hans": "*演示条目：案例研究全文见报告。*",
  },
});

export const ISSUE_PAGE: { title: Three; intro: Three } = {
  title: { en: "Immigration Reform", es: "Reforma migratoria", "zh-Hans": "移民改革" },
  intro: {
    en: "Welcome to the Cities for Action Immigration Reform Webpage! The below tools and resources have been created to help local governments and community advocates uplift support for immigration reform. Please check them out!",
    es: "¡Bienvenidos a la página de Cities for Action sobre la reforma migratoria! Las herramientas y los recursos de abajo se crearon para ayudar a los gobiernos locales y a los defensores comunitarios a impulsar el apoyo a la reforma migratoria. ¡Consúltelos!",
    "zh-Hans":
      "欢迎访问 Cities for Action 移民改革页面！以下工具和资源旨在帮助地方政府和社区倡导者为移民改革争取更多支持。欢迎浏览！",
  },
};
