import type { Fair } from '../domain/fair';
import { CREDENTIAL_MARGIN_DAYS, RETENTION_DAYS_AFTER_FAIR } from '../domain/retention';

/**
 * The texts Morocco's law 09-08 asks of a fair that handles personal data, drafted from its file: the
 * declaration to the CNDP (Commission nationale de contrôle de la protection des données à caractère
 * personnel) and the notice printed at the entrance, in French and Arabic. Drafts for the organiser's
 * data protection lead to complete and file: what Rawaq does is written in; who the organiser is, is
 * left for them to fill in.
 */
export type Hosting = { kind: 'venue' } | { kind: 'aws'; region: string };

export interface PrivacyTexts {
  'cndp-declaration.fr.md': string;
  'cndp-declaration.ar.md': string;
  'entrance-notice.fr.md': string;
  'entrance-notice.ar.md': string;
}

/** AWS regions and where they are: none is in Morocco, so hosting there is a transfer abroad. */
const AWS_PLACES: Record<string, { fr: string; ar: string }> = {
  'eu-west-3': { fr: 'France (Paris)', ar: 'فرنسا (باريس)' },
  'eu-south-2': { fr: 'Espagne (Aragon)', ar: 'إسبانيا (أراغون)' },
  'eu-west-1': { fr: 'Irlande', ar: 'أيرلندا' },
  'eu-central-1': { fr: 'Allemagne (Francfort)', ar: 'ألمانيا (فرانكفورت)' },
  'us-east-1': { fr: 'États-Unis (Virginie)', ar: 'الولايات المتحدة (فرجينيا)' },
  'me-central-1': { fr: 'Émirats arabes unis', ar: 'الإمارات العربية المتحدة' },
};

function dayAfter(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function privacyTexts(fair: Fair, hosting: Hosting): PrivacyTexts {
  const first = fair.days[0] as string;
  const last = fair.days.at(-1) as string;
  const kept = dayAfter(last, RETENTION_DAYS_AFTER_FAIR + 1);
  const credentials = dayAfter(last, CREDENTIAL_MARGIN_DAYS + 1);
  const place =
    hosting.kind === 'aws' ? (AWS_PLACES[hosting.region] ?? { fr: hosting.region, ar: hosting.region }) : undefined;
  const hostFr =
    hosting.kind === 'venue'
      ? "un ordinateur de l'organisateur installé sur le site du salon (réseau local), au Maroc"
      : `Amazon Web Services, région ${hosting.region} : ${place?.fr}`;
  const hostAr =
    hosting.kind === 'venue'
      ? 'حاسوب للمنظم مثبت في موقع المعرض (شبكة محلية)، بالمغرب'
      : `أمازون ويب سيرفيسز، منطقة ${hosting.region}: ${place?.ar}`;
  const transferFr =
    hosting.kind === 'venue'
      ? 'Aucun : les données restent au Maroc, sur la machine du site.'
      : `Oui : les données sont hébergées hors du Maroc (${place?.fr}). Un transfert vers l'étranger demande l'autorisation préalable de la CNDP (articles 43 et 44 de la loi 09-08), sauf si le pays assure un niveau de protection suffisant reconnu par la CNDP. Joindre la demande d'autorisation de transfert à cette déclaration.`;
  const transferAr =
    hosting.kind === 'venue'
      ? 'لا يوجد: تبقى المعطيات في المغرب، على حاسوب الموقع.'
      : `نعم: تُستضاف المعطيات خارج المغرب (${place?.ar}). يتطلب النقل إلى الخارج إذنا مسبقا من اللجنة الوطنية (المادتان 43 و44 من القانون 09-08)، ما لم تعترف اللجنة بأن البلد يضمن مستوى حماية كافيا. أرفقوا طلب الإذن بالنقل بهذا التصريح.`;
  const fill = '[à compléter]';
  const fillAr = '[يُستكمل]';

  const declarationFr = `# Projet de déclaration à la CNDP : ${fair.localNames.fr}

Brouillon produit par Rawaq à partir du fichier du salon (\`${fair.fairId}\`).
À compléter par l'organisateur et à déposer auprès de la CNDP (loi 09-08, article 12) avant le ${first}.

## 1. Responsable du traitement
- Organisme : ${fill} (par exemple le Conseil de la Région de l'Oriental)
- Adresse, téléphone, e-mail : ${fill}
- Personne chargée des demandes des visiteurs : ${fill} (présente à l'accueil du salon)

## 2. Finalités
1. Contrôle d'accès au salon, aux ateliers et séminaires (billets et badges à code QR).
2. Comptage de la fréquentation des zones et des stands (les entrées libres sont comptées sans aucune donnée personnelle).
3. Sécurité : jauge des salles, évacuation (liste des porteurs de badge encore présents), registre des incidents.
4. Mise en relation entre visiteurs et exposants, uniquement avec l'accord du visiteur donné au stand (le visiteur montre le code d'accord plié au dos de son badge).

## 3. Personnes concernées
Visiteurs inscrits, exposants et leurs équipes, personnel, presse, invités, participants aux ateliers.

## 4. Données traitées
- Identité : nom (facultatif pour le public), catégorie du billet, jours de validité.
- Coordonnées facultatives : téléphone, WhatsApp, e-mail, ville, organisation ; et pour chacune, si le visiteur accepte de la donner aux stands à qui il montre son code d'accord.
- Passages : heure et porte de chaque entrée et sortie, zone où se trouve le porteur.
- Stands où le badge a été scanné, et pour chacun la réponse du visiteur (oui avec code d'accord, non), avec sa preuve : heure, libellé du téléphone du stand, version et langue de la question posée.
- Notes des exposants sur les contacts qui ont accepté (intérêt, produits, note courte).
- Aucune donnée sensible (article 1, 3°) n'est demandée. Les codes QR ne contiennent aucune donnée personnelle (un identifiant signé) ; les journaux techniques non plus.

## 5. Destinataires
- L'organisateur (accueil, organisateurs) : toutes les données.
- Chaque exposant : seulement les champs que le visiteur a choisi de partager, seulement s'il lui a montré son code d'accord, et tant qu'il ne l'a pas retiré.
- Hébergeur : ${hostFr}.

## 6. Transfert hors du Maroc
${transferFr}

## 7. Durée de conservation
- Billets, passages, réponses aux stands et leurs preuves : jusqu'au ${kept} (${RETENTION_DAYS_AFTER_FAIR} jours après le dernier jour du salon), puis effacement automatique.
- Identifiants des visites aux stands (pour ne pas compter deux fois) : 7 jours après le salon.
- Accès des téléphones du salon (portes, stands) : expirent au plus tard le ${credentials}.
- Chiffres agrégés (visites, occupation, rapports) : anonymes, conservés par l'organisateur.

## 8. Droits des personnes (articles 7 à 9)
À l'accueil, sur présentation du badge ou du nom : consultation de tout ce que Rawaq détient (remis sous forme de fichier), retrait de l'accord donné à un stand ou à tous, effacement (nom, coordonnées et code d'accord supprimés ; les visites restent comptées sans nom). Chaque demande est enregistrée avec le nom de l'agent. Par écrit : ${fill}.

## 9. Sécurité (article 23)
Accès par rôle (porte, hôte d'atelier, exposant, organisateur), chaque téléphone avec son propre accès révocable ; connexions chiffrées (TLS) ; minimisation (un exposant ne voit que ce qui lui a été accordé) ; aucune donnée personnelle dans les codes QR ni dans les journaux.
`;

  const declarationAr = `# مشروع تصريح لدى اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي: ${fair.localNames.ar}

مسودة أعدها رواق انطلاقا من ملف المعرض (\`${fair.fairId}\`). يستكملها المنظم ويودعها لدى اللجنة (القانون 09-08، المادة 12) قبل ${first}.

## 1. المسؤول عن المعالجة
- الهيئة: ${fillAr} (مثلا مجلس جهة الشرق)
- العنوان والهاتف والبريد الإلكتروني: ${fillAr}
- الشخص المكلف بطلبات الزوار: ${fillAr} (حاضر في مكتب الاستقبال بالمعرض)

## 2. الغايات
1. مراقبة الدخول إلى المعرض والورشات والندوات (تذاكر وشارات برمز QR).
2. عدّ الحضور في المناطق والأجنحة (الدخول الحر يُعدّ دون أي معطى شخصي).
3. السلامة: طاقة القاعات، الإخلاء (لائحة حاملي الشارات الموجودين)، سجل الحوادث.
4. ربط الزوار بالعارضين، فقط بموافقة الزائر في الجناح (يُظهر الزائر رمز الموافقة المطوي خلف شارته).

## 3. الأشخاص المعنيون
الزوار المسجلون، العارضون وفرقهم، المستخدمون، الصحافة، الضيوف، المشاركون في الورشات.

## 4. المعطيات المعالجة
- الهوية: الاسم (اختياري للعموم)، صنف التذكرة، أيام الصلاحية.
- معلومات اتصال اختيارية: الهاتف، واتساب، البريد الإلكتروني، المدينة، الهيئة؛ ولكل منها، هل يقبل الزائر إعطاءها للأجنحة التي يُظهر لها رمز موافقته.
- المرور: وقت وباب كل دخول وخروج، والمنطقة التي يوجد بها حامل الشارة.
- الأجنحة التي مُسحت فيها الشارة، وجواب الزائر في كل منها (نعم برمز الموافقة، لا) مع دليله: الوقت، اسم هاتف الجناح، نسخة السؤال ولغته.
- ملاحظات العارضين عن جهات الاتصال التي وافقت (الاهتمام، المنتجات، ملاحظة قصيرة).
- لا يُطلب أي معطى حساس. رموز QR لا تحمل أي معطى شخصي (معرّف موقّع)، وكذلك السجلات التقنية.

## 5. المرسل إليهم
- المنظم (الاستقبال، المنظمون): كل المعطيات.
- كل عارض: فقط الحقول التي اختار الزائر مشاركتها، فقط إذا أظهر له رمز موافقته، وما لم يسحبها.
- المستضيف: ${hostAr}.

## 6. النقل خارج المغرب
${transferAr}

## 7. مدة الحفظ
- التذاكر والمرور وأجوبة الأجنحة وأدلتها: حتى ${kept} (${RETENTION_DAYS_AFTER_FAIR} يوما بعد آخر يوم في المعرض)، ثم تُمحى تلقائيا.
- معرّفات زيارات الأجنحة (لتفادي العدّ مرتين): 7 أيام بعد المعرض.
- ولوج هواتف المعرض (الأبواب، الأجنحة): ينتهي على الأكثر في ${credentials}.
- الأرقام الإجمالية (الزيارات، الحضور، التقارير): مجهولة الهوية، يحتفظ بها المنظم.

## 8. حقوق الأشخاص (المواد 7 إلى 9)
في مكتب الاستقبال، بتقديم الشارة أو الاسم: الاطلاع على كل ما يحتفظ به رواق (يُسلَّم في ملف)، سحب الموافقة من جناح أو من كل الأجنحة، المحو (يُحذف الاسم ومعلومات الاتصال ورمز الموافقة؛ وتبقى الزيارات محسوبة دون اسم). يُسجَّل كل طلب باسم الموظف. كتابة: ${fillAr}.

## 9. السلامة (المادة 23)
ولوج حسب الدور (باب، مضيف ورشة، عارض، منظم)، لكل هاتف ولوجه الخاص القابل للإلغاء؛ اتصالات مشفرة (TLS)؛ تقليل المعطيات (لا يرى العارض إلا ما أُذن له به)؛ لا معطيات شخصية في رموز QR ولا في السجلات.
`;

  const noticeFr = `# Vos données au ${fair.localNames.fr}

- **Qui** : ${fill}, organisateur du salon, responsable du traitement (déclaration CNDP n° ${fill}).
- **Pourquoi** : contrôle d'accès, comptage de la fréquentation, sécurité ; et, seulement si vous le voulez, la transmission de vos coordonnées à un stand.
- **Les stands** : un stand ne reçoit vos coordonnées que si vous lui montrez le **code d'accord** plié au dos de votre badge, et seulement celles que vous avez choisi de partager. Dire non suffit ; vous pouvez retirer votre accord à l'accueil.
- **Combien de temps** : jusqu'au ${kept}, puis effacement.
- **Où** : ${hostFr}.${hosting.kind === 'aws' ? ' (transfert hors du Maroc autorisé par la CNDP)' : ''}
- **Vos droits** : à l'accueil, voir tout ce que nous avons sur vous, retirer un accord, tout effacer (loi 09-08).
`;

  const noticeAr = `# معطياتكم في ${fair.localNames.ar}

- **من**: ${fillAr}، منظم المعرض، المسؤول عن المعالجة (تصريح اللجنة الوطنية رقم ${fillAr}).
- **لماذا**: مراقبة الدخول، عدّ الحضور، السلامة؛ وفقط إن أردتم، إعطاء معلومات اتصالكم لجناح.
- **الأجنحة**: لا يتلقى الجناح معلومات اتصالكم إلا إذا أظهرتم له **رمز الموافقة** المطوي خلف شارتكم، وفقط ما اخترتم مشاركته. يكفي أن تقولوا لا؛ ويمكنكم سحب موافقتكم في مكتب الاستقبال.
- **إلى متى**: حتى ${kept}، ثم تُمحى.
- **أين**: ${hostAr}.${hosting.kind === 'aws' ? ' (نقل خارج المغرب بإذن من اللجنة الوطنية)' : ''}
- **حقوقكم**: في مكتب الاستقبال، الاطلاع على كل ما لدينا عنكم، سحب موافقة، محو كل شيء (القانون 09-08).
`;

  return {
    'cndp-declaration.fr.md': declarationFr,
    'cndp-declaration.ar.md': declarationAr,
    'entrance-notice.fr.md': noticeFr,
    'entrance-notice.ar.md': noticeAr,
  };
}
