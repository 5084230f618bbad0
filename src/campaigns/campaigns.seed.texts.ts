// The demo campaigns' words, in every language. The two closed campaigns are the coalition's own
// recent actions, in the wording of its one-page overview ("Recent actions"); the open one is
// built from its "At the national level" paragraph, so the member flow can be tried. Members'
// participation on a demo site comes from the demo roster: every body says so.
import type { SocialPlatform } from "../db/index.js";

export type SeedLocale = "en" | "es" | "zh-Hans";

export interface SeedCampaignText {
  title: string;
  summary: string;
  body: string;
}

export interface SeedActionText {
  title: string;
  body: string;
}

export interface SeedCampaignWords {
  campaign: Record<SeedLocale, SeedCampaignText>;
  actions: Record<string, Record<SeedLocale, SeedActionText>>;
  social?: Record<SeedLocale, Partial<Record<SocialPlatform, string>>>;
}

export const PUBLIC_CHARGE: SeedCampaignWords = {
  campaign: {
    en: {
      title: "“Public charge” week of action",
      summary:
        "Over 50 members participated in a “public charge” week of action by submitting comments to the Federal Register, joining a national tele-town hall, and raising awareness about the proposal through social media.",
      body: "The proposed change to the “public charge” rule would widen the public benefits that count against immigrants applying for a green card. For one week, coalition members spoke up together against it.\n\nThe members counted on this site come from the demo roster, not from the real week of action.",
    },
    es: {
      title: "Semana de acción sobre la «carga pública»",
      summary:
        "Más de 50 miembros participaron en una semana de acción sobre la «carga pública»: presentaron comentarios en el Federal Register, se unieron a una asamblea pública nacional por teléfono y dieron a conocer la propuesta en las redes sociales.",
      body: "El cambio propuesto a la regla de «carga pública» ampliaría los beneficios públicos que cuentan en contra de los inmigrantes que solicitan la residencia permanente. Durante una semana, los miembros de la coalición alzaron la voz juntos en su contra.\n\nLos miembros contados en este sitio provienen de la lista de demostración, no de la semana de acción real.",
    },
    "zh-Hans": {
      title: "“公共负担”行动周",
      summary:
        "50 多个成员参加了“公共负担”行动周，向《联邦公报》（Federal Register）提交意见，参加全国电话市民大会，并通过社交媒体提高公众对该提案的认识。",
      body: "拟议修改的“公共负担”规则将扩大对申请绿卡的移民不利的公共福利范围。在一周时间里，联盟成员共同发声反对这一修改。\n\n本网站统计的成员来自演示名单，而非真实的行动周。",
    },
  },
  actions: {
    letter: {
      en: {
        title: "Comment letter on the proposed “public charge” rule",
        body: "We, the undersigned mayors and county executives of Cities for Action, oppose the proposed change to the “public charge” rule. It would discourage immigrant families in our cities and counties from using the health care, nutrition and housing programs they are entitled to, and it would harm the well-being of whole communities.\n\nWe urge the Department of Homeland Security to withdraw the proposed rule.",
      },
      es: {
        title: "Carta de comentarios sobre la regla propuesta de «carga pública»",
        body: "Los alcaldes y ejecutivos de condado de Cities for Action abajo firmantes nos oponemos al cambio propuesto a la regla de «carga pública». Disuadiría a las familias inmigrantes de nuestras ciudades y condados de usar los programas de salud, nutrición y vivienda a los que tienen derecho, y perjudicaría el bienestar de comunidades enteras.\n\nPedimos al Departamento de Seguridad Nacional que retire la regla propuesta.",
      },
      "zh-Hans": {
        title: "关于拟议“公共负担”规则的意见信",
        body: "我们，Cities for Action 的下列市长和县行政长官，反对拟议修改的“公共负担”规则。该规则会使我们城市和县里的移民家庭不敢使用他们有权享有的医疗、营养和住房项目，并损害整个社区的福祉。\n\n我们敦促国土安全部撤回这项拟议规则。",
      },
    },
    event: {
      en: {
        title: "National tele-town hall on “public charge”",
        body: "A national tele-town hall by telephone: what the proposed rule would change for immigrant families, and how residents and members can submit comments to the Federal Register.",
      },
      es: {
        title: "Asamblea pública nacional por teléfono sobre la «carga pública»",
        body: "Una asamblea pública nacional por teléfono: qué cambiaría la regla propuesta para las familias inmigrantes y cómo los residentes y los miembros pueden presentar comentarios en el Federal Register.",
      },
      "zh-Hans": {
        title: "关于“公共负担”的全国电话市民大会",
        body: "一次全国电话市民大会：拟议规则将为移民家庭带来哪些变化，以及居民和成员如何向《联邦公报》（Federal Register）提交意见。",
      },
    },
    social: {
      en: {
        title: "Raise awareness about the proposal through social media",
        body: "Share one of these messages from your city's or county's accounts during the week of action.",
      },
      es: {
        title: "Dar a conocer la propuesta en las redes sociales",
        body: "Comparta uno de estos mensajes desde las cuentas de su ciudad o condado durante la semana de acción.",
      },
      "zh-Hans": {
        title: "通过社交媒体提高公众对该提案的认识",
        body: "在行动周期间，请用贵市或贵县的账号分享以下任一条信息。",
      },
    },
  },
  social: {
    en: {
      x: "Our city stands with immigrant families. The proposed “public charge” rule would make families afraid to use the health care and nutrition programs they count on. Comment in the Federal Register before the comment period closes. #PublicCharge",
      facebook:
        "Immigrant families make our communities stronger. The proposed “public charge” rule would make them afraid to use the health care, nutrition and housing programs they are entitled to. This week, cities and counties across the country are speaking up: add your comment in the Federal Register.",
    },
    es: {
      x: "Nuestra ciudad apoya a las familias inmigrantes. La regla propuesta de «carga pública» haría que las familias temieran usar los programas de salud y nutrición que necesitan. Comente en el Federal Register antes del cierre. #CargaPública",
      facebook:
        "Las familias inmigrantes fortalecen nuestras comunidades. La regla propuesta de «carga pública» les haría temer usar los programas de salud, nutrición y vivienda a los que tienen derecho. Esta semana, ciudades y condados de todo el país alzan la voz: sume su comentario en el Federal Register.",
    },
    "zh-Hans": {
      x: "我们的城市与移民家庭站在一起。拟议的“公共负担”规则会让家庭不敢使用他们所依赖的医疗和营养项目。请在意见征询期结束前向《联邦公报》提交意见。",
      facebook:
        "移民家庭让我们的社区更加强大。拟议的“公共负担”规则会让他们不敢使用有权享有的医疗、营养和住房项目。本周，全国各地的城市和县都在发声：请向《联邦公报》（Federal Register）提交您的意见。",
    },
  },
};

export const FLORES: SeedCampaignWords = {
  campaign: {
    en: {
      title: "Comments on the proposed regulation to supersede the Flores agreement",
      summary:
        "The coalition helped generate 85 comments in response to a proposed federal regulation that would supersede the Flores agreement, which currently governs what happens to children who arrive in the United States with or without their parents.",
      body: "With the Lumos Foundation, Cities for Action released the report *On the Frontlines of the Family Separation Crisis: City Response and Best Practice for Assisting Families*, with case studies from New York City, the City and County of Los Angeles, and San Antonio. Members then asked for comments on the proposed regulation.\n\nThe members counted on this site come from the demo roster.",
    },
    es: {
      title: "Comentarios sobre la regulación propuesta para reemplazar el acuerdo Flores",
      summary:
        "La coalición ayudó a generar 85 comentarios sobre una regulación federal propuesta que reemplazaría el acuerdo Flores, que hoy rige lo que ocurre con los niños que llegan a Estados Unidos con o sin sus padres.",
      body: "Con la Lumos Foundation, Cities for Action publicó el informe *On the Frontlines of the Family Separation Crisis: City Response and Best Practice for Assisting Families* (En primera línea de la crisis de separación familiar), con estudios de caso de la Ciudad de Nueva York, la ciudad y el condado de Los Ángeles y San Antonio. Después, los miembros pidieron comentarios sobre la regulación propuesta.\n\nLos miembros contados en este sitio provienen de la lista de demostración.",
    },
    "zh-Hans": {
      title: "就取代 Flores 协议的拟议法规提交意见",
      summary:
        "联盟协助提交了 85 份意见，回应一项将取代 Flores 协议的拟议联邦法规。Flores 协议目前规定了有或没有父母陪同抵达美国的儿童将受到怎样的对待。",
      body: "Cities for Action 与 Lumos Foundation 合作发布了报告 *On the Frontlines of the Family Separation Crisis: City Response and Best Practice for Assisting Families*（《家庭分离危机的最前线》），收录了纽约市、洛杉矶市和县以及圣安东尼奥的案例。随后，成员们呼吁就这项拟议法规提交意见。\n\n本网站统计的成员来自演示名单。",
    },
  },
  actions: {
    comment: {
      en: {
        title: "Comment on the proposed Flores regulation",
        body: "Submit a comment to the Federal Register on the proposed regulation that would supersede the *Flores* agreement: say what it would mean for children and families in your community.",
      },
      es: {
        title: "Comentar la regulación Flores propuesta",
        body: "Presente un comentario en el Federal Register sobre la regulación propuesta que reemplazaría el acuerdo *Flores*: explique qué significaría para los niños y las familias de su comunidad.",
      },
      "zh-Hans": {
        title: "就拟议的 Flores 法规提交意见",
        body: "请就将取代 *Flores* 协议的拟议法规向《联邦公报》（Federal Register）提交意见：说明它对您所在社区的儿童和家庭意味着什么。",
      },
    },
  },
};

export const TPS_DED: SeedCampaignWords = {
  campaign: {
    en: {
      title: "Solutions for TPS and DED holders and immigrant youth",
      summary:
        "Coalition leaders are vocal advocates for solutions for Temporary Protected Status (TPS) holders, Deferred Enforced Departure (DED) holders, and immigrant youth. Add your city's or county's voice this week.",
      body: "Sign the letter to Congress, join the national call with members' staff, and share the messages on social media.\n\nThis is a demo campaign, open so that the way members take part can be tried: its dates follow today's date, and nothing is sent to anyone.",
    },
    es: {
      title: "Soluciones para los titulares de TPS y DED y la juventud inmigrante",
      summary:
        "Los líderes de la coalición abogan activamente por soluciones para los titulares del Estatus de Protección Temporal (TPS), de la Salida Forzada Diferida (DED) y para la juventud inmigrante. Sume la voz de su ciudad o condado esta semana.",
      body: "Firme la carta al Congreso, únase a la llamada nacional con el personal de los miembros y comparta los mensajes en las redes sociales.\n\nEsta es una campaña de demostración, abierta para que se pueda probar cómo participan los miembros: sus fechas siguen la fecha de hoy y no se envía nada a nadie.",
    },
    "zh-Hans": {
      title: "为 TPS 和 DED 持有者及移民青年寻求解决方案",
      summary:
        "联盟领导人积极倡导为临时保护身份（TPS）持有者、延期强制离境（DED）持有者和移民青年寻求解决方案。本周请加入贵市或贵县的声音。",
      body: "签署致国会的信，参加与成员工作人员的全国电话会议，并在社交媒体上分享信息。\n\n这是一个演示倡导活动，开放供试用成员的参与流程：其日期随今天的日期而定，不会向任何人发送任何内容。",
    },
  },
  actions: {
    comment: {
      en: {
        title: "Comment on the demo proposed rule on naturalization fees",
        body: "A fictional proposed rule, made up for the demo, would raise the fee to apply for citizenship and narrow fee waivers. Write your city's or county's comment from the coalition's template, make a third or more of it your own, have it approved, and file it (nothing is sent from the demo).",
      },
      es: {
        title: "Comentar la norma propuesta de demostración sobre las tarifas de naturalización",
        body: "Una norma propuesta ficticia, inventada para la demostración, subiría la tarifa para solicitar la ciudadanía y limitaría las exenciones. Escriba el comentario de su ciudad o condado a partir de la plantilla de la coalición, haga suyo al menos un tercio, obtenga su aprobación y preséntelo (la demostración no envía nada).",
      },
      "zh-Hans": {
        title: "就演示用的入籍费用拟议规则提交意见",
        body: "一项为演示而虚构的拟议规则将提高申请入籍的费用并收紧费用减免。请以联盟的模板为基础撰写贵市或贵县的意见，其中至少三分之一用您自己的话，获得批准后提交（演示不会发送任何内容）。",
      },
    },
    letter: {
      en: {
        title: "Letter to Congress: a lasting solution for TPS and DED holders and immigrant youth",
        body: "We, the undersigned mayors and county executives, call on Congress to pass a lasting solution for Temporary Protected Status (TPS) holders, Deferred Enforced Departure (DED) holders and immigrant youth. They are our neighbors, workers, business owners and students, and our cities and counties are stronger with them.",
      },
      es: {
        title:
          "Carta al Congreso: una solución duradera para los titulares de TPS y DED y la juventud inmigrante",
        body: "Los alcaldes y ejecutivos de condado abajo firmantes pedimos al Congreso que apruebe una solución duradera para los titulares del Estatus de Protección Temporal (TPS), de la Salida Forzada Diferida (DED) y para la juventud inmigrante. Son nuestros vecinos, trabajadores, empresarios y estudiantes, y nuestras ciudades y condados son más fuertes con ellos.",
      },
      "zh-Hans": {
        title: "致国会的信：为 TPS 和 DED 持有者及移民青年提供持久的解决方案",
        body: "我们，下列市长和县行政长官，呼吁国会通过一项持久的解决方案，惠及临时保护身份（TPS）持有者、延期强制离境（DED）持有者和移民青年。他们是我们的邻居、劳动者、企业主和学生，有了他们，我们的城市和县更加强大。",
      },
    },
    event: {
      en: {
        title: "National call: sharing cities' perspectives with federal officials",
        body: "Members' staff share what TPS and DED holders and immigrant youth bring to their communities, and prepare what to tell federal officials.",
      },
      es: {
        title:
          "Llamada nacional: compartir la perspectiva de las ciudades con funcionarios federales",
        body: "El personal de los miembros comparte lo que los titulares de TPS y DED y la juventud inmigrante aportan a sus comunidades, y prepara lo que se dirá a los funcionarios federales.",
      },
      "zh-Hans": {
        title: "全国电话会议：向联邦官员分享城市的观点",
        body: "成员的工作人员分享 TPS 和 DED 持有者及移民青年为其社区带来的贡献，并准备向联邦官员传达的内容。",
      },
    },
    social: {
      en: {
        title: "Share the messages on social media",
        body: "Post one of these messages from your city's or county's accounts this week.",
      },
      es: {
        title: "Comparta los mensajes en las redes sociales",
        body: "Publique uno de estos mensajes desde las cuentas de su ciudad o condado esta semana.",
      },
      "zh-Hans": {
        title: "在社交媒体上分享信息",
        body: "本周请用贵市或贵县的账号发布以下任一条信息。",
      },
    },
  },
  social: {
    en: {
      x: "TPS and DED holders and immigrant youth are our neighbors, workers and students. Our city calls on Congress to pass a lasting solution for them. #TPS #DED",
      bluesky:
        "TPS and DED holders and immigrant youth are our neighbors, workers and students. Our city calls on Congress to pass a lasting solution for them.",
    },
    es: {
      x: "Los titulares de TPS y DED y la juventud inmigrante son nuestros vecinos, trabajadores y estudiantes. Nuestra ciudad pide al Congreso una solución duradera para ellos. #TPS #DED",
      bluesky:
        "Los titulares de TPS y DED y la juventud inmigrante son nuestros vecinos, trabajadores y estudiantes. Nuestra ciudad pide al Congreso una solución duradera para ellos.",
    },
    "zh-Hans": {
      x: "TPS 和 DED 持有者以及移民青年是我们的邻居、劳动者和学生。我市呼吁国会为他们通过持久的解决方案。#TPS #DED",
      bluesky:
        "TPS 和 DED 持有者以及移民青年是我们的邻居、劳动者和学生。我市呼吁国会为他们通过持久的解决方案。",
    },
  },
};
