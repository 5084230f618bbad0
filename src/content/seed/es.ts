// Spanish translation of en.ts (the coalition's own wording, from its one-page overview).
export const es = {
  // No member count in the prose: the count is computed from the roster just below it, and a
  // typed number would contradict it (issue 10: "nearly 200" above a demo roster of 21).
  "home.mission":
    "Cities for Action es una coalición de alcaldes y ejecutivos de condados de EE. UU. que abogan por políticas federales a favor de los inmigrantes y ponen en marcha programas y políticas innovadores e inclusivos a nivel local.",
  "home.background": `- Cities for Action se creó en diciembre de 2014, cuando dos docenas de alcaldes se reunieron en la ciudad de Nueva York para comprometerse con un conjunto de principios y acciones que apoyan y fortalecen a los residentes inmigrantes.
- Cities for Action aboga de manera colectiva por políticas federales a favor de los inmigrantes que contribuyen a tener ciudades más fuertes.
- La coalición también desarrolla y difunde buenas prácticas sobre políticas y programas locales que promueven el bienestar de los residentes inmigrantes y apoyan su inclusión y participación en la vida cívica.`,
  "home.recent_actions": `- **Sobre la crisis de separación de familias:** en colaboración con la Fundación Lumos, Cities for Action publicó el informe *On the Frontlines of the Family Separation Crisis: City Response and Best Practice for Assisting Families* (En primera línea de la crisis de separación de familias: respuesta de las ciudades y buenas prácticas para ayudar a las familias), con estudios de caso de la ciudad de Nueva York, la ciudad y el condado de Los Ángeles, y San Antonio.
- **A nivel nacional:** los líderes de la coalición abogan activamente por soluciones para los beneficiarios del Estatus de Protección Temporal (TPS), los beneficiarios de la Salida Forzada Diferida (DED) y los jóvenes inmigrantes, y participan en campañas nacionales para dar a conocer a los funcionarios federales el punto de vista de las ciudades.
- **A nivel local:** los miembros intercambian conocimientos con regularidad y comparten recursos para crear programas que incluyen a los inmigrantes, como las tarjetas de identificación municipales y los servicios legales de inmigración.`,
  // Translation of en.ts's summary of the principles and the pledge.
  "principles.intro":
    "Los miembros de Cities for Action respaldan diez principios. Estos orientan lo que la coalición pide al gobierno federal y lo que cada miembro hace en su propia comunidad.",
  "principles.list": `1. **Un camino a la ciudadanía.** Un camino a la ciudadanía inclusivo, humano y oportuno, con recursos para que las ciudades y los condados lo pongan en práctica.
2. **Reunificación familiar.** Eliminar los retrasos acumulados en las visas familiares para que las familias puedan volver a estar juntas.
3. **Crecimiento económico.** Una inmigración que ayude a crecer a las economías y los negocios locales.
4. **Derechos laborales.** Derechos en el lugar de trabajo y normas laborales para todos los trabajadores, sin importar su estatus migratorio.
5. **Policía comunitaria.** Una policía local que se gane la confianza de los residentes, con una aplicación de la ley centrada en las amenazas graves a la seguridad pública.
6. **Debido proceso.** Procesos de deportación justos, con alternativas a la detención, acceso a un abogado y revisión judicial.
7. **Integración.** Recursos para la integración económica, social y cívica de los inmigrantes.
8. **Acceso a la ciudadanía.** Menos barreras económicas, lingüísticas y de información para los residentes que pueden hacerse ciudadanos.
9. **Protección para los refugiados.** Protección para las personas refugiadas y solicitantes de asilo.
10. **Reasentamiento local.** Recursos para las comunidades que reasientan a personas refugiadas y solicitantes de asilo.`,
  "pledge.intro": "Cada ciudad o condado que se une a Cities for Action asume tres compromisos:",
  "pledge.list": `1. **Participar a nivel nacional.** Sumarse a la agenda nacional de la coalición, incluida su defensa frente a propuestas federales perjudiciales.
2. **Compartir lo que funciona.** Intercambiar buenas prácticas sobre la integración de los inmigrantes, como programas de ciudadanía, tarjetas de identificación municipales y acceso a servicios legales.
3. **Hacer crecer la coalición.** Fortalecer la capacidad de la coalición reclutando a nuevas ciudades y condados.`,
} as const;
