// Human-written content for the "demo" dataset: two Messenger Pages (one without the Human Agent
// feature), one Instagram account, ~40 support conversations in several languages.

export interface DemoLine {
  /** c = customer, p = our app (an agent), b = Business Suite (Page Inbox) */
  who: "c" | "p" | "b";
  text?: string;
  attachment?: { type: "image" | "video" | "audio" | "file" | "sticker"; name: string; mimeType: string };
}

export interface DemoScript {
  lang: string;
  lines: DemoLine[];
}

export interface DemoPerson {
  first: string;
  last: string;
  username: string;
  locale: string;
}

export const DEMO_USER = { firstName: "Camille", lastName: "Martin" };

export const DEMO_PAGES = [
  { key: "maison", name: "Maison Lumière", category: "Clothing (Brand)", username: "maisonlumiere", humanAgent: true },
  { key: "velo", name: "Velo Rapido Bikes", category: "Bicycle Shop", username: "velorapidobikes", humanAgent: false },
] as const;

export const DEMO_IG = { pageKey: "maison", username: "maisonlumiere.paris", name: "Maison Lumière", humanAgent: true } as const;

const photo = (name: string) => ({ type: "image" as const, name, mimeType: "image/jpeg" });
const pdf = (name: string) => ({ type: "file" as const, name, mimeType: "application/pdf" });
const voice = (name: string) => ({ type: "audio" as const, name, mimeType: "audio/mp4" });

export const DEMO_SCRIPTS: DemoScript[] = [
  {
    lang: "en",
    lines: [
      { who: "c", text: "Hi! I ordered a linen shirt last week (order #48213) and it still hasn't shipped. Any news?" },
      { who: "p", text: "Hi! Thanks for reaching out. Let me check order #48213 for you." },
      { who: "c", text: "Thanks, I need it for a wedding on Saturday 🙏" },
    ],
  },
  {
    lang: "fr",
    lines: [
      { who: "c", text: "Bonjour, j'ai reçu ma commande mais la robe est trop petite. Est-ce que je peux l'échanger ?" },
      { who: "c", text: "C'est la taille 38, il me faudrait une 40 🙂" },
    ],
  },
  {
    lang: "de",
    lines: [
      { who: "c", text: "Guten Tag, ich möchte meine Bestellung #51877 zurückgeben. Wie läuft die Rückerstattung ab?" },
      { who: "b", text: "Hallo! Sie können das Rücksendeetikett in Ihrem Kundenkonto herunterladen." },
      { who: "c", text: "Danke! Und wann bekomme ich das Geld zurück? Ich habe mit PayPal bezahlt." },
    ],
  },
  {
    lang: "ja",
    lines: [
      { who: "c", text: "こんにちは。注文した商品がまだ届いていません。注文番号は #60412 です。" },
      { who: "p", text: "お問い合わせありがとうございます。配送状況を確認いたします。" },
      { who: "c", text: "よろしくお願いします 😊" },
    ],
  },
  {
    lang: "es",
    lines: [
      { who: "c", text: "Hola, el paquete llegó dañado 😞 Os mando una foto." },
      { who: "c", attachment: photo("paquete-dañado.jpg") },
      { who: "c", text: "¿Me podéis enviar otro o hacer el reembolso?" },
    ],
  },
  {
    lang: "en",
    lines: [
      { who: "c", text: "Do you ship to Canada? And how long does delivery usually take?" },
      { who: "p", text: "Yes, we ship to Canada! Delivery takes 5–8 business days." },
      { who: "c", text: "Great, and are customs fees included?" },
    ],
  },
  {
    lang: "fr",
    lines: [
      { who: "c", text: "Bonsoir ! Le code promo ÉTÉ20 ne fonctionne pas sur le site, c'est normal ?" },
    ],
  },
  {
    lang: "en",
    lines: [
      { who: "c", text: "Hello, I was charged twice for order #47002. Here is my bank statement." },
      { who: "c", attachment: pdf("statement-march.pdf") },
      { who: "p", text: "I'm sorry about that! I've asked our billing team to refund the duplicate charge." },
      { who: "c", text: "Thank you. How long will the refund take?" },
    ],
  },
  {
    lang: "de",
    lines: [
      { who: "c", text: "Hallo, gibt es die Jacke „Lumière Noir“ auch in Größe XL? Online steht „ausverkauft“." },
      { who: "c", text: "Würde mich über eine Rückmeldung freuen 😃" },
    ],
  },
  {
    lang: "it",
    lines: [
      { who: "c", text: "Buongiorno, ho ricevuto un articolo sbagliato: avevo ordinato il blu, è arrivato il verde." },
      { who: "p", text: "Ci scusiamo per l'errore! Le inviamo subito un'etichetta di reso gratuita." },
      { who: "c", text: "Perfetto, grazie mille!" },
    ],
  },
  {
    lang: "en",
    lines: [
      { who: "c", text: "hey, quick question — can I change the delivery address on my order? I'm moving 📦" },
    ],
  },
  {
    lang: "ja",
    lines: [
      { who: "c", text: "返品の方法を教えてください。サイズが合いませんでした。" },
      { who: "b", text: "ご連絡ありがとうございます。返品フォームのリンクをお送りします。" },
      { who: "c", text: "ありがとうございます！返金はいつ頃になりますか？" },
    ],
  },
  {
    lang: "es",
    lines: [
      { who: "c", text: "Buenas, ¿tenéis tienda física en Madrid? Quiero probarme los zapatos antes de comprar." },
    ],
  },
  {
    lang: "en",
    lines: [
      { who: "c", text: "My tracking number says delivered but there's nothing at my door 😟" },
      { who: "c", attachment: voice("voice-note.m4a") },
      { who: "c", text: "Order #49990, can someone help please?" },
    ],
  },
  {
    lang: "fr",
    lines: [
      { who: "c", text: "Bonjour, je voudrais annuler ma commande #52310 passée ce matin, c'est encore possible ?" },
      { who: "p", text: "Bonjour ! Oui, elle n'est pas encore expédiée, je l'annule tout de suite." },
      { who: "c", text: "Merci beaucoup, très réactif 👍" },
    ],
  },
  {
    lang: "de",
    lines: [
      { who: "c", text: "Mein Fahrrad macht seit der Inspektion ein Klickgeräusch beim Treten. Können Sie sich das ansehen?" },
      { who: "c", attachment: { type: "video", name: "klick.mp4", mimeType: "video/mp4" } },
    ],
  },
  {
    lang: "en",
    lines: [
      { who: "c", text: "Is the Rapido 500 e-bike in stock in medium? I'd like to book a test ride." },
      { who: "p", text: "It is! We have test rides Tuesday to Saturday, 10am–6pm." },
      { who: "c", text: "Awesome, Saturday at 11 works for me 🚲" },
    ],
  },
  {
    lang: "fr",
    lines: [
      { who: "c", text: "Salut ! Ma chambre à air a crevé deux fois cette semaine, vous faites la réparation sur place ?" },
    ],
  },
  {
    lang: "en",
    lines: [
      { who: "c", text: "I paid for express delivery but the bike is arriving next week. Can I get the express fee refunded?" },
      { who: "b", text: "Hi! Sorry for the delay, I'll check with the warehouse." },
      { who: "c", text: "Any update on the refund?" },
    ],
  },
  {
    lang: "ja",
    lines: [
      { who: "c", text: "自転車のヘルメットは何サイズがありますか？頭囲は58cmです。" },
    ],
  },
  {
    lang: "es",
    lines: [
      { who: "c", text: "¡Hola! Compré una bici hace 3 meses y el cambio no funciona bien. ¿Está en garantía?" },
      { who: "p", text: "¡Hola! Sí, la garantía cubre 2 años. Tráela a la tienda cuando quieras." },
      { who: "c", text: "Genial, gracias 😄" },
    ],
  },
  {
    lang: "en",
    lines: [
      { who: "c", text: "Love the new collection 😍 is the beige trench coming back in size S?" },
      { who: "c", attachment: photo("trench-screenshot.jpg") },
    ],
  },
  {
    lang: "fr",
    lines: [
      { who: "c", text: "Coucou 👋 vous faites des cartes cadeaux ? C'est pour l'anniversaire de ma sœur." },
      { who: "p", text: "Oui ! Des cartes de 25 € à 200 €, disponibles en boutique et en ligne 🎁" },
      { who: "c", text: "Super, merci ! Je passe demain." },
    ],
  },
  {
    lang: "de",
    lines: [
      { who: "c", text: "Hi! Ich habe Ihren Post über die Frühjahrskollektion gesehen – wann kommt das Kleid in Grün? 💚" },
    ],
  },
];

/** A long conversation (more than the 20 messages Meta details) built from alternating lines. */
export function longScript(): DemoScript {
  const lines: DemoLine[] = [];
  const customer = [
    "Hi, I have a few questions about my order #40001.",
    "First: can I add a second item to it?",
    "It's the same shirt in white, size M.",
    "Also, can you gift-wrap it?",
    "And will the invoice show the VAT?",
    "Perfect. What about the delivery date?",
    "OK, Thursday works.",
    "Can the courier leave it with my neighbour?",
    "Her name is Mrs. Özdemir, flat 3B.",
    "Great. One last thing: do you have the matching belt?",
    "I'll take it too then 😄",
    "Thanks, that's everything!",
    "Oh wait — is the shirt machine washable?",
  ];
  const agent = [
    "Hi! Sure, happy to help.",
    "Yes, I can add it before it ships.",
    "Added! Size M in white.",
    "Gift wrap added, free of charge 🎁",
    "Yes, the invoice lists VAT separately.",
    "It should arrive on Thursday.",
    "Noted.",
    "Yes, I've added a delivery note.",
    "Perfect, added to the note.",
    "We do, in brown and black.",
    "Added the brown belt. Anything else?",
    "You're welcome! Have a lovely day.",
  ];
  for (let i = 0; i < customer.length; i++) {
    lines.push({ who: "c", text: customer[i] as string });
    if (i < agent.length) lines.push({ who: "p", text: agent[i] as string });
  }
  return { lang: "en", lines };
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { first: "Emma", last: "Johnson", username: "emma.j", locale: "en_US" },
  { first: "Zoé", last: "Lefèvre", username: "zoe.lefevre", locale: "fr_FR" },
  { first: "Jürgen", last: "Müller", username: "juergen_mueller", locale: "de_DE" },
  { first: "花子", last: "佐藤", username: "hanako.sato", locale: "ja_JP" },
  { first: "María José", last: "García", username: "mariajo.garcia", locale: "es_ES" },
  { first: "Liam", last: "O'Brien", username: "liam.obrien", locale: "en_GB" },
  { first: "Chloé", last: "Dubois", username: "chloe_dbs", locale: "fr_FR" },
  { first: "Olivia", last: "Smith", username: "livsmith", locale: "en_US" },
  { first: "Sophie", last: "Schäfer", username: "sophie.schaefer", locale: "de_DE" },
  { first: "Giulia", last: "Rossi", username: "giulia.rossi", locale: "it_IT" },
  { first: "Noah", last: "Williams", username: "noahw", locale: "en_US" },
  { first: "太郎", last: "山田", username: "taro_yamada", locale: "ja_JP" },
  { first: "José", last: "Fernández", username: "jose.fdez", locale: "es_ES" },
  { first: "Ava", last: "Brown", username: "ava.brown", locale: "en_US" },
  { first: "Léa", last: "Martin", username: "lea.mrtn", locale: "fr_FR" },
  { first: "Björn", last: "Sørensen", username: "bjorn.sorensen", locale: "de_DE" },
  { first: "Ethan", last: "Davis", username: "ethan.d", locale: "en_US" },
  { first: "Amélie", last: "Fournier", username: "amelie.fournier", locale: "fr_FR" },
  { first: "Mia", last: "Wilson", username: "mia.wilson", locale: "en_US" },
  { first: "結衣", last: "鈴木", username: "yui.suzuki", locale: "ja_JP" },
  { first: "Lucía", last: "Martínez", username: "lucia.mtz", locale: "es_ES" },
  { first: "Ayşe", last: "Yılmaz", username: "ayse.yilmaz", locale: "en_GB" },
  { first: "Lukas", last: "Weiß", username: "lukas.weiss", locale: "de_DE" },
  { first: "Camille", last: "Bernard", username: "camille.bnd", locale: "fr_FR" },
  { first: "Jack", last: "Taylor", username: "jacktaylor", locale: "en_GB" },
  { first: "Isabella", last: "Moore", username: "bella.moore", locale: "en_US" },
  { first: "François", last: "Lambert", username: "f.lambert", locale: "fr_FR" },
  { first: "健", last: "田中", username: "ken.tanaka", locale: "ja_JP" },
  { first: "Valentina", last: "Bianchi", username: "vale.bianchi", locale: "it_IT" },
  { first: "Oliver", last: "Jones", username: "oliver.jones", locale: "en_GB" },
  { first: "Inès", last: "Moreau", username: "ines.moreau", locale: "fr_FR" },
  { first: "Maximilian", last: "Groß", username: "max.gross", locale: "de_DE" },
  { first: "Harper", last: "Clark", username: "harper.c", locale: "en_US" },
  { first: "Sofía", last: "López", username: "sofia.lopez", locale: "es_ES" },
  { first: "Hugo", last: "Girard", username: "hugo.girard", locale: "fr_FR" },
  { first: "Charlotte", last: "Lewis", username: "charlotte.l", locale: "en_GB" },
  { first: "陽斗", last: "高橋", username: "haruto.t", locale: "ja_JP" },
  { first: "Elena", last: "Ricci", username: "elena.ricci", locale: "it_IT" },
  { first: "Amelia", last: "Walker", username: "amelia.walker", locale: "en_US" },
  { first: "Théo", last: "Roux", username: "theo.roux", locale: "fr_FR" },
  { first: "Leonie", last: "Krüger", username: "leonie.krueger", locale: "de_DE" },
  { first: "Daniel", last: "Hall", username: "dan.hall", locale: "en_US" },
];

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

/** Age of the person's last message per demo conversation, by channel (covers every window bucket and boundary). */
export const DEMO_AGES: Record<"maison" | "velo" | "ig", number[]> = {
  maison: [3 * M, 18 * M, 1 * H, 3 * H, 9 * H, 20 * H, D - M, D, D + M, 25 * H, 2 * D, 5 * D, 7 * D - M, 7 * D, 7 * D + M, 12 * D],
  velo: [7 * M, 45 * M, 5 * H, 23 * H, D - M, D + M, 25 * H, 3 * D, 6 * D, 7 * D + M, 10 * D, 40 * D],
  ig: [2 * M, 30 * M, 2 * H, 12 * H, D - M, D, D + M, 26 * H, 4 * D, 7 * D - M, 7 * D, 7 * D + M, 15 * D],
};

// ── generic dataset vocabulary ───────────────────────────────────────────────
export const GENERIC_FIRST = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn", "Léon", "Anaïs", "Jörg", "Mateo", "Yuna", "Kenta", "Ines", "Nora", "Omar", "Priya", "Elif", "Tomás", "Ida", "Lars"];
export const GENERIC_LAST = ["Smith", "García", "Müller", "Dubois", "Rossi", "Tanaka", "Nowak", "Silva", "Khan", "Jensen", "Novák", "Öztürk", "Kowalski", "Fischer", "Leroy", "Costa", "Sato", "Haddad"];
export const GENERIC_CUSTOMER_TEXTS = [
  "Hi, where is my order #{n}?",
  "Can I return an item from order #{n}?",
  "The parcel arrived damaged, what should I do?",
  "When will my refund for #{n} be processed?",
  "Do you have this in size {s}?",
  "Bonjour, ma commande #{n} n'est pas arrivée.",
  "Hallo, wann wird meine Bestellung #{n} geliefert?",
  "注文 #{n} の配送状況を教えてください。",
  "¿Puedo cambiar la dirección de entrega del pedido #{n}?",
  "Thanks a lot! 🙏",
  "Is there a discount code for first orders?",
  "The tracking link for #{n} doesn't work 😕",
];
export const GENERIC_PAGE_TEXTS = [
  "Hi! Let me check that for you.",
  "Your order #{n} has shipped, here is the tracking link.",
  "We've issued the refund, it takes 3–5 business days.",
  "Sorry about that! We'll send a replacement today.",
  "Yes, size {s} is back in stock.",
  "Merci pour votre message, nous regardons cela.",
];
export const SIZES = ["XS", "S", "M", "L", "XL"];
