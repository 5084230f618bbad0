// The coalition's own wording, from its one-page overview.
export const en = {
  // No member count in the prose: the count is computed from the roster just below it, and a
  // typed number would contradict it (issue 10: "nearly 200" above a demo roster of 21).
  "home.mission":
    "Cities for Action is a coalition of U.S. mayors and county executives advocating for pro-immigrant federal policies and launching innovative, inclusive programs and policies at the local level.",
  "home.background": `- Cities for Action launched in December 2014, when two dozen mayors gathered in New York City to commit to a set of principles and actions that support and uplift immigrant residents.
- Cities for Action advocates collectively for pro-immigrant federal policies that contribute to stronger cities.
- The coalition also develops and disseminates best practices on local policies and programs that further immigrant residents' well-being and support immigrant inclusion and engagement in civic life.`,
  // The introduction to the home page's campaigns timeline: the week of action on "public charge"
  // and the Flores comments are campaigns now (campaigns/campaigns.seed.ts), listed below it.
  "home.recent_actions": `- **On the family separation crisis:** in partnership with the Lumos Foundation, Cities for Action released the report *On the Frontlines of the Family Separation Crisis: City Response and Best Practice for Assisting Families*, with case studies from New York City, the City and County of Los Angeles, and San Antonio.
- **At the national level:** coalition leaders are vocal advocates for solutions for Temporary Protected Status (TPS) holders, Deferred Enforced Departure (DED) holders, and immigrant youth, and take part in national campaigns to share cities' perspectives with federal officials.
- **At the local level:** members regularly exchange expertise and share resources to build immigrant-inclusive programs like municipal ID cards and immigration legal services.`,
  // The principles and the pledge, summarised in our words from the coalition's own statement.
  "principles.intro":
    "Cities for Action members stand behind ten principles. They shape what the coalition asks of the federal government and what members do in their own communities.",
  "principles.list": `1. **A path to citizenship.** An inclusive, humane and timely path to citizenship, with resources for cities and counties to put it into practice.
2. **Family reunification.** Clear the backlogs in family visas so that families can be together again.
3. **Economic growth.** Immigration that helps local economies and businesses grow.
4. **Workers' rights.** Workplace rights and labor standards for every worker, whatever their immigration status.
5. **Community policing.** Local policing that earns residents' trust, with enforcement focused on serious threats to public safety.
6. **Due process.** Fair removal proceedings, with alternatives to detention, access to counsel and judicial review.
7. **Integration.** Resources for immigrants' economic, social and civic integration.
8. **Access to citizenship.** Lower financial, language and information barriers for residents who can become citizens.
9. **Protection for refugees.** Protection for refugees and people seeking asylum.
10. **Local resettlement.** Resources for the communities that resettle refugees and people seeking asylum.`,
  "pledge.intro": "Every city or county that joins Cities for Action makes three commitments:",
  "pledge.list": `1. **Engage nationally.** Take part in the coalition's national agenda, including its defense against harmful federal proposals.
2. **Share what works.** Exchange best practices on immigrant integration, such as citizenship programs, municipal ID cards and access to legal services.
3. **Grow the coalition.** Build the coalition's capacity by recruiting new cities and counties.`,
} as const;
