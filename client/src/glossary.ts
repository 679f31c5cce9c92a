// The jargon, explained in one sentence in each language. A tap on any underlined word opens it.
export interface Term {
  en: string;
  fr: string;
  def: { en: string; fr: string };
}

export const GLOSSARY = {
  capex: {
    en: "Capex",
    fr: "Capex",
    def: {
      en: "Capital expenditure: money spent on long-lived assets such as chips and data centers, paid now and earned back over years.",
      fr: "Dépenses d'investissement : l'argent dépensé en actifs durables (puces, centres de données), payé tout de suite et récupéré sur des années.",
    },
  },
  ltv: {
    en: "LTV",
    fr: "LTV",
    def: {
      en: "Loan-to-value: a loan divided by what its collateral (here, the GPUs) would fetch if sold today.",
      fr: "Loan-to-value : le prêt divisé par ce que rapporterait aujourd'hui la vente de sa garantie (ici, les GPU).",
    },
  },
  covenant: {
    en: "Covenant",
    fr: "Covenant",
    def: {
      en: "A promise written into a loan, e.g. \"LTV stays under 75 %\"; break it and the lender calls for cash at once (a margin call).",
      fr: "Un engagement inscrit dans un prêt, par ex. « la LTV reste sous 75 % » ; s'il est rompu, le prêteur exige du cash immédiatement (appel de marge).",
    },
  },
  spread: {
    en: "Spread",
    fr: "Spread",
    def: {
      en: "The extra interest a borrower pays above the benchmark rate; it widens when lenders get nervous.",
      fr: "Le surplus d'intérêt qu'un emprunteur paie au-dessus du taux directeur ; il s'élargit quand les prêteurs s'inquiètent.",
    },
  },
  vendor: {
    en: "Vendor financing",
    fr: "Financement fournisseur",
    def: {
      en: "The seller lends to its own customer (here: takes the buyer's shares as payment) so the customer can keep buying — sales look bigger than the cash behind them.",
      fr: "Le vendeur finance son propre client (ici : accepte ses actions en paiement) pour qu'il continue d'acheter — les ventes paraissent plus grosses que le cash réel.",
    },
  },
  backstop: {
    en: "Backstop",
    fr: "Garantie (backstop)",
    def: {
      en: "A promise to buy a company's unsold capacity if no one else does: it makes the company look safer, and moves the risk to the promiser.",
      fr: "La promesse de racheter la capacité invendue d'une entreprise si personne d'autre ne le fait : l'entreprise paraît plus sûre, le risque passe au garant.",
    },
  },
  srt: {
    en: "SRT",
    fr: "SRT",
    def: {
      en: "Synthetic risk transfer: a lender pays outside investors a premium to take part of a loan's losses if it defaults.",
      fr: "Transfert de risque synthétique : un prêteur paie une prime à des investisseurs qui prennent une partie des pertes si le prêt fait défaut.",
    },
  },
  takeorpay: {
    en: "Take-or-pay",
    fr: "Take-or-pay",
    def: {
      en: "A contract where the buyer pays for the agreed compute whether it uses it or not.",
      fr: "Un contrat où l'acheteur paie la capacité convenue, qu'il l'utilise ou non.",
    },
  },
  hype: {
    en: "Hype",
    fr: "Hype",
    def: {
      en: "The market's mood about AI, 0 to 100: high hype lifts valuations and opens credit; AI demand beating the forecast feeds it, defaults and disappointments drain it.",
      fr: "L'humeur du marché sur l'IA, de 0 à 100 : une hype forte gonfle les valorisations et ouvre le crédit ; une demande d'IA au-dessus des prévisions la nourrit, défauts et déceptions la vident.",
    },
  },
  margincall: {
    en: "Margin call",
    fr: "Appel de marge",
    def: {
      en: "The lender demands cash because the covenant is broken; without cash the borrower must sell GPUs, which pushes their price down for everyone.",
      fr: "Le prêteur exige du cash car le covenant est rompu ; sans cash, l'emprunteur doit vendre des GPU, ce qui fait baisser leur prix pour tous.",
    },
  },
  gpuspot: {
    en: "GPU spot price",
    fr: "Prix spot des GPU",
    def: {
      en: "What a lot of new GPUs (100 MW) fetches on the second-hand market today: the value of everyone's collateral.",
      fr: "Ce que rapporte aujourd'hui un lot de GPU neufs (100 MW) sur le marché d'occasion : la valeur des garanties de tous.",
    },
  },
  benchmark: {
    en: "Benchmark rate",
    fr: "Taux directeur",
    def: {
      en: "The central bank's policy rate: floating-rate loans pay it plus their spread.",
      fr: "Le taux de la banque centrale : les prêts à taux variable paient ce taux plus leur spread.",
    },
  },
  leverage: {
    en: "Leverage",
    fr: "Levier",
    def: {
      en: "Net debt divided by a year of EBITDA (operating cash profit): above about 4× a company is rated junk.",
      fr: "La dette nette divisée par un an d'EBITDA (profit opérationnel en cash) : au-delà d'environ 4×, l'entreprise est notée spéculative.",
    },
  },
  ighy: {
    en: "IG / HY",
    fr: "IG / HY",
    def: {
      en: "Investment grade (safe borrowers) and high yield or \"junk\" (risky ones): two bond markets with their own spreads.",
      fr: "Investment grade (emprunteurs sûrs) et high yield ou « junk » (risqués) : deux marchés obligataires avec leurs propres spreads.",
    },
  },
  spv: {
    en: "Off balance sheet (SPV)",
    fr: "Hors bilan (SPV)",
    def: {
      en: "A separate vehicle borrows to build the data center, so the debt does not show on the company's balance sheet — but it still has to be paid.",
      fr: "Une structure à part emprunte pour construire le centre de données : la dette n'apparaît pas au bilan de l'entreprise — mais il faut quand même la payer.",
    },
  },
  short: {
    en: "Short",
    fr: "Vente à découvert",
    def: {
      en: "Selling borrowed shares to buy them back later: it pays when the price falls.",
      fr: "Vendre des actions empruntées pour les racheter plus tard : on gagne si le cours baisse.",
    },
  },
  lp: {
    en: "LP",
    fr: "LP",
    def: {
      en: "Limited partners: the pension funds and investors whose money a private-credit fund lends out.",
      fr: "Les limited partners : fonds de pension et investisseurs dont le fonds de crédit privé prête l'argent.",
    },
  },
  neocloud: {
    en: "Neocloud",
    fr: "Néocloud",
    def: {
      en: "A young company that rents out GPU computing (CoreWeave-like), usually bought with GPU-backed debt and one big customer.",
      fr: "Une jeune entreprise qui loue du calcul sur GPU (type CoreWeave), souvent achetés à crédit adossé aux GPU, avec un gros client.",
    },
  },
  hyperscaler: {
    en: "Hyperscaler",
    fr: "Hyperscaler",
    def: {
      en: "A giant cloud company (Microsoft, Meta, Alphabet, Amazon, Oracle) with a big core business that pays for much of its AI build-out.",
      fr: "Un géant du cloud (Microsoft, Meta, Alphabet, Amazon, Oracle) dont le cœur de métier finance une grande partie des investissements IA.",
    },
  },
  circular: {
    en: "Circular deal",
    fr: "Deal circulaire",
    def: {
      en: "Money that goes round: a chipmaker invests in a customer who uses it to buy the chipmaker's chips — everyone's revenue grows, the risk too.",
      fr: "De l'argent qui tourne en rond : un fabricant investit chez un client qui s'en sert pour acheter ses puces — les revenus de chacun gonflent, le risque aussi.",
    },
  },
} as const satisfies Record<string, Term>;

export type TermKey = keyof typeof GLOSSARY;
export const TERM_KEYS = Object.keys(GLOSSARY) as TermKey[];
