// Chinese: placeholder copy of English until translated.
export const zhHans = {
  "home.mission":
    "Cities for Action is a coalition of nearly 200 U.S. mayors and county executives advocating for pro-immigrant federal policies and launching innovative, inclusive programs and policies at the local level.",
  "home.background": `- Cities for Action launched in December 2014, when two dozen mayors gathered in New York City to commit to a set of principles and actions that support and uplift immigrant residents.
- Cities for Action advocates collectively for pro-immigrant federal policies that contribute to stronger cities.
- The coalition also develops and disseminates best practices on local policies and programs that further immigrant residents' well-being and support immigrant inclusion and engagement in civic life.`,
  "home.recent_actions": `- **On the proposed "public charge" rule change:** over 50 members took part in a "public charge" week of action by submitting comments to the Federal Register, joining a national tele-town hall, and raising awareness about the proposal through social media.
- **On the family separation crisis:** in partnership with the Lumos Foundation, Cities for Action released the report *On the Frontlines of the Family Separation Crisis: City Response and Best Practice for Assisting Families*, with case studies from New York City, the City and County of Los Angeles, and San Antonio. The coalition also helped generate 85 comments on a proposed federal regulation that would supersede the *Flores* agreement, which governs what happens to children who arrive in the United States with or without their parents.
- **At the national level:** coalition leaders are vocal advocates for solutions for Temporary Protected Status (TPS) holders, Deferred Enforced Departure (DED) holders, and immigrant youth, and take part in national campaigns to share cities' perspectives with federal officials.
- **At the local level:** members regularly exchange expertise and share resources to build immigrant-inclusive programs like municipal ID cards and immigration legal services.`,
} as const;
