// Simplified Chinese translation of en.ts (the coalition's own wording, from its one-page overview).
export const zhHans = {
  // No member count in the prose: the count is computed from the roster just below it, and a
  // typed number would contradict it (issue 10: "nearly 200" above a demo roster of 21).
  "home.mission":
    "Cities for Action 是由美国市长和县行政首长组成的联盟，倡导有利于移民的联邦政策，并在地方层面推出创新、包容的项目和政策。",
  "home.background": `- Cities for Action 成立于 2014 年 12 月。当时，二十多位市长齐聚纽约市，承诺践行一系列支持并帮扶移民居民的原则和行动。
- Cities for Action 集体倡导有利于移民的联邦政策，以助力建设更强大的城市。
- 联盟还制定并推广地方政策和项目方面的最佳实践，以增进移民居民的福祉，支持移民融入社会、参与公民生活。`,
  "home.recent_actions": `- **关于家庭分离危机**：Cities for Action 与 Lumos 基金会合作发布了报告 *On the Frontlines of the Family Separation Crisis: City Response and Best Practice for Assisting Families*（《家庭分离危机第一线：城市应对与援助家庭的最佳实践》），其中收录了纽约市、洛杉矶市和洛杉矶县以及圣安东尼奥市的案例研究。
- **在全国层面**：联盟领导人积极为临时保护身份（TPS）持有者、暂缓强制离境（DED）持有者以及移民青年争取解决方案，并参与全国性倡导活动，向联邦官员传达各城市的观点。
- **在地方层面**：成员定期交流专业经验、共享资源，以建立包容移民的项目，例如市政身份证和移民法律服务。`,
  // Translation of en.ts's summary of the principles and the pledge.
  "principles.intro":
    "Cities for Action 的成员共同秉持十项原则。这些原则决定了联盟向联邦政府提出哪些诉求，也指导各成员在本地社区采取的行动。",
  "principles.list": `1. **入籍途径**：提供包容、人道且及时的入籍途径，并为各城市和县的落实工作提供资源。
2. **家庭团聚**：清理家庭类签证的积压，让家人得以团聚。
3. **经济发展**：让移民助力地方经济和企业发展。
4. **劳动者权利**：无论移民身份如何，所有劳动者都享有工作场所权利和劳动标准保障。
5. **社区警务**：地方警务赢得居民信任，执法重点放在危害公共安全的严重威胁上。
6. **正当程序**：遣返程序公正，提供拘留替代措施、获得律师代理的机会和司法审查。
7. **社会融入**：为移民在经济、社会和公民生活中的融入提供资源。
8. **降低入籍门槛**：为符合条件的居民减少入籍在费用、语言和信息方面的障碍。
9. **保护难民**：保护难民和寻求庇护者。
10. **地方安置**：为在本地安置难民和寻求庇护者的社区提供资源。`,
  "pledge.intro": "加入 Cities for Action 的每个城市或县都作出以下三项承诺：",
  "pledge.list": `1. **参与全国行动**：参与联盟的全国议程，包括抵制有害的联邦提案。
2. **分享有效做法**：交流促进移民融入的最佳实践，例如入籍项目、市政身份证和获得法律服务的渠道。
3. **壮大联盟**：招募新的城市和县加入，增强联盟的力量。`,
} as const;
