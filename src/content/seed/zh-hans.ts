// Simplified Chinese translation of en.ts (the coalition's own wording, from its one-page overview).
export const zhHans = {
  "home.mission":
    "Cities for Action 是由近 200 位美国市长和县行政首长组成的联盟，倡导有利于移民的联邦政策，并在地方层面推出创新、包容的项目和政策。",
  "home.background": `- Cities for Action 成立于 2014 年 12 月。当时，二十多位市长齐聚纽约市，承诺践行一系列支持并帮扶移民居民的原则和行动。
- Cities for Action 集体倡导有利于移民的联邦政策，以助力建设更强大的城市。
- 联盟还制定并推广地方政策和项目方面的最佳实践，以增进移民居民的福祉，支持移民融入社会、参与公民生活。`,
  "home.recent_actions": `- **关于拟议修改的“公共负担”规则**：50 多个成员参加了“公共负担”行动周，向《联邦公报》（Federal Register）提交意见，参加全国电话市民大会，并通过社交媒体提高公众对该提案的认识。
- **关于家庭分离危机**：Cities for Action 与 Lumos 基金会合作发布了报告 *On the Frontlines of the Family Separation Crisis: City Response and Best Practice for Assisting Families*（《家庭分离危机第一线：城市应对与援助家庭的最佳实践》），其中收录了纽约市、洛杉矶市和洛杉矶县以及圣安东尼奥市的案例研究。联盟还推动各方就一项拟议的联邦法规提交了 85 条意见。该法规将取代 *Flores* 和解协议，而该协议规定了对抵达美国的儿童（无论是否有父母陪同）的处置方式。
- **在全国层面**：联盟领导人积极为临时保护身份（TPS）持有者、暂缓强制离境（DED）持有者以及移民青年争取解决方案，并参与全国性倡导活动，向联邦官员传达各城市的观点。
- **在地方层面**：成员定期交流专业经验、共享资源，以建立包容移民的项目，例如市政身份证和移民法律服务。`,
} as const;
