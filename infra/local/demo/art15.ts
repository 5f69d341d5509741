import type { Art15Declaration, Translated } from '../../../functions/connectors/art15.js';

/**
 * What each demo system declares for the learner’s copy (Art. 15), as an accredited school
 * running an online course platform would: the values a DPO writes in cdk.json.
 */
const t = (en: string, fr: string): Translated => ({ en, fr });

const PLATFORM_HOST = { name: t('Our hosting provider in France (processor)', 'Notre hébergeur en France (sous-traitant)') };
const TEACHERS = { name: t('Teachers of the courses you follow', 'Les enseignants des cours que vous suivez') };
/** The learner's id on the platform, in the tables keyed by it. */
const LEARNER_ID = t('Your learner id', 'Votre identifiant d’apprenant');

const ACCOUNT: Art15Declaration = {
  title: t('Learning platform: your account', 'Plateforme de cours : votre compte'),
  purposes: [
    { purpose: t('Providing the course platform: account, sign-in and communication about the courses', 'Fournir la plateforme de cours : compte, connexion et communication sur les cours'), legalBasis: 'contract' },
    {
      purpose: t('Securing the platform: detecting abuse and unauthorised sign-ins', 'Sécuriser la plateforme : détecter les abus et les connexions non autorisées'),
      legalBasis: 'legitimate_interests',
      interest: t("Keeping learners' accounts and the school’s systems safe", 'Protéger les comptes des apprenants et les systèmes de l’école'),
    },
  ],
  categories: [t('Identity: first and last name', 'Identité : prénom et nom'), t('Contact: email address', 'Coordonnées : adresse électronique'), t('Preferred language', 'Langue préférée'), t('Account dates: creation and last sign-in', 'Dates du compte : création et dernière connexion')],
  recipients: [PLATFORM_HOST],
  retention: t('While the account is open, then 3 years after the last sign-in', 'Tant que le compte est ouvert, puis 3 ans après la dernière connexion'),
  labels: {
    id: LEARNER_ID,
    email: t('Email address', 'Adresse électronique'),
    firstName: t('First name', 'Prénom'),
    lastName: t('Last name', 'Nom'),
    lang: t('Language', 'Langue'),
    createdAt: t('Account created', 'Compte créé le'),
    lastLoginAt: t('Last sign-in', 'Dernière connexion'),
    processingRestrictions: t('Restrictions of processing', 'Limitations du traitement'),
  },
  values: { lang: { fr: t('French', 'Français'), en: t('English', 'Anglais') } },
};

const ENROLMENTS: Art15Declaration = {
  title: t('Learning platform: your enrolments', 'Plateforme de cours : vos inscriptions'),
  purposes: [{ purpose: t('Giving you access to the courses you enrolled in and following your progress', 'Vous donner accès aux cours auxquels vous êtes inscrit et suivre votre progression'), legalBasis: 'contract' }],
  categories: [t('Courses enrolled in, role and dates', 'Cours suivis, rôle et dates'), t('Completion status', 'État d’avancement')],
  recipients: [TEACHERS, PLATFORM_HOST],
  retention: t('5 years after the end of the course', '5 ans après la fin du cours'),
  labels: { userId: LEARNER_ID, course: t('Course', 'Cours'), role: t('Role', 'Rôle'), enrolledAt: t('Enrolled on', 'Inscrit le'), status: t('Status', 'État') },
  values: {
    role: { student: t('Learner', 'Apprenant'), teacher: t('Teacher', 'Enseignant') },
    status: { active: t('In progress', 'En cours'), completed: t('Completed', 'Terminé') },
  },
};

const GRADES: Art15Declaration = {
  title: t('Learning platform: your grades', 'Plateforme de cours : vos notes'),
  purposes: [
    {
      purpose: t('Assessing learners and awarding accredited credits and diplomas', 'Évaluer les apprenants et délivrer les crédits et diplômes reconnus'),
      legalBasis: 'public_task',
    },
    { purpose: t('Keeping the records of results the law requires of an accredited school', 'Conserver les résultats comme la loi l’impose à un établissement reconnu'), legalBasis: 'legal_obligation' },
  ],
  categories: [t('Grades and the assessments they are for', 'Notes et évaluations correspondantes'), t('Dates of marking', 'Dates de correction')],
  recipients: [TEACHERS, { name: t('The examination board', 'Le jury d’examen') }, { name: t('The Ministry of Higher Education (diploma records)', 'Le ministère de l’Enseignement supérieur (registre des diplômes)') }],
  retention: t('50 years after the diploma, as archives of results (French Heritage Code)', 'Archives des résultats : 50 ans après le diplôme (Code du patrimoine)'),
  source: t('The teachers who marked the assessments', 'Les enseignants qui ont corrigé les évaluations'),
  labels: { userId: LEARNER_ID, item: t('Assessment', 'Évaluation'), grade: t('Grade', 'Note'), outOf: t('Out of', 'Barème'), gradedAt: t('Marked on', 'Corrigé le') },
};

const FORUM: Art15Declaration = {
  title: t('Forum posts', 'Messages du forum'),
  purposes: [{ purpose: t('Letting learners discuss the courses with each other and with teachers', 'Permettre aux apprenants d’échanger sur les cours entre eux et avec les enseignants'), legalBasis: 'contract' }],
  categories: [t('Posts: subject, text and date', 'Messages publiés : sujet, texte et date'), t('Name shown as author', 'Nom affiché comme auteur')],
  recipients: [{ name: t('Other learners and teachers of the course', 'Les autres apprenants et enseignants du cours') }],
  retention: t('As long as the course is offered; on erasure, posts stay without the author', 'Tant que le cours est proposé ; en cas d’effacement, les messages restent sans leur auteur'),
  labels: {
    postId: t('Post id', 'Identifiant du message'),
    authorId: t('Author id', 'Identifiant de l’auteur'),
    authorName: t('Author', 'Auteur'),
    postedAt: t('Posted on', 'Publié le'),
    forum: t('Forum', 'Forum'),
    subject: t('Subject', 'Sujet'),
    body: t('Text', 'Texte'),
  },
};

const messages = (received: boolean): Art15Declaration => ({
  title: received ? t('Private messages you received', 'Messages privés reçus') : t('Private messages you sent', 'Messages privés envoyés'),
  purposes: [{ purpose: t('Private messaging between the platform’s users', 'Messagerie privée entre les utilisateurs de la plateforme'), legalBasis: 'contract' }],
  categories: [t('Messages: text, date, sender and recipient', 'Messages : texte, date, expéditeur et destinataire')],
  recipients: [received ? { name: t('The senders of the messages', 'Les expéditeurs des messages') } : { name: t('The recipients of the messages', 'Les destinataires des messages') }],
  retention: t('2 years after the message was sent', '2 ans après l’envoi du message'),
  ...(received ? { source: t('Other users of the platform, who wrote to you', 'D’autres utilisateurs de la plateforme, qui vous ont écrit') } : {}),
  labels: { userId: t('Sender id', 'Identifiant de l’expéditeur'), sentAt: t('Sent on', 'Envoyé le'), to: t('Recipient id', 'Identifiant du destinataire'), text: t('Message', 'Message') },
});

const SUBMISSIONS: Art15Declaration = {
  title: t('Assignments you handed in', 'Travaux rendus'),
  purposes: [{ purpose: t('Receiving and marking the work learners hand in', 'Recevoir et corriger les travaux rendus par les apprenants'), legalBasis: 'public_task' }],
  categories: [t('Files handed in for assignments and projects', 'Fichiers rendus pour les devoirs et projets')],
  recipients: [TEACHERS, PLATFORM_HOST],
  retention: t('1 year after the end of the academic year, the time to appeal a grade', '1 an après la fin de l’année universitaire, le délai de contestation d’une note'),
};

const VIDEO: Art15Declaration = {
  title: t('Video platform: viewing history', 'Plateforme vidéo : historique de visionnage'),
  purposes: [
    { purpose: t('Streaming the course videos', 'Diffuser les vidéos des cours'), legalBasis: 'contract' },
    {
      purpose: t('Measuring which videos are watched, to improve the courses', 'Mesurer quelles vidéos sont regardées, pour améliorer les cours'),
      legalBasis: 'legitimate_interests',
      interest: t('Improving our teaching material', 'Améliorer nos supports pédagogiques'),
      purposeId: 'analytics',
    },
  ],
  categories: [t('Viewing history: videos watched, when and for how long', 'Historique de visionnage : vidéos regardées, quand et combien de temps')],
  recipients: [{ name: t('Our video hosting provider in the United States (processor)', 'Notre hébergeur vidéo aux États-Unis (sous-traitant)'), country: 'US', safeguard: 'scc' }],
  retention: t('13 months after each viewing', '13 mois après chaque visionnage'),
  source: t('The video player, while you watch', 'Le lecteur vidéo, pendant que vous regardez'),
  labels: { video: t('Video', 'Vidéo'), watchedAt: t('Watched on', 'Regardée le'), seconds: t('Seconds watched', 'Secondes regardées') },
};

const BILLING: Art15Declaration = {
  title: t('Shop: invoices and payment', 'Boutique : factures et paiement'),
  purposes: [
    { purpose: t('Selling certificates and taking payment', 'Vendre les certificats et encaisser les paiements'), legalBasis: 'contract' },
    { purpose: t('Keeping invoices as accounting law requires', 'Conserver les factures comme le droit comptable l’exige'), legalBasis: 'legal_obligation' },
  ],
  categories: [t('Invoices: name, item bought, amount and date', 'Factures : nom, article acheté, montant et date'), t('Payment card: brand, last four digits and expiry date', 'Carte de paiement : réseau, quatre derniers chiffres et date d’expiration')],
  recipients: [{ name: t('Our payment service provider (processor)', 'Notre prestataire de paiement (sous-traitant)') }, { name: t('Our chartered accountant and the tax authorities', 'Notre expert-comptable et l’administration fiscale') }],
  retention: t('Invoices: 10 years from their date (French Commercial Code, art. L123-22); payment card: until it expires or is removed', 'Factures : 10 ans à compter de leur date (Code de commerce, art. L123-22) ; carte de paiement : jusqu’à son expiration ou sa suppression'),
  labels: {
    email: t('Email address', 'Adresse électronique'),
    recordId: t('Reference', 'Référence'),
    kind: t('Kind', 'Nature'),
    issuedAt: t('Issued on', 'Émise le'),
    name: t('Name', 'Nom'),
    item: t('Item', 'Article'),
    amountEur: t('Amount (EUR)', 'Montant (EUR)'),
    brand: t('Card network', 'Réseau de la carte'),
    last4: t('Last four digits', 'Quatre derniers chiffres'),
    expires: t('Expires', 'Date d’expiration'),
  },
  values: { kind: { invoice: t('Invoice', 'Facture'), 'payment-method': t('Payment card', 'Carte de paiement') } },
};

const NEWSLETTER: Art15Declaration = {
  title: t('Newsletter', 'Lettre d’information'),
  purposes: [{ purpose: t('Sending the newsletter about new courses and events', 'Envoyer la lettre d’information sur les nouveaux cours et les événements'), legalBasis: 'consent', purposeId: 'marketing' }],
  categories: [t('Email address', 'Adresse électronique'), t('Subscription date and topics chosen', 'Date d’inscription et thèmes choisis')],
  recipients: [{ name: t('Our emailing service provider (processor)', 'Notre prestataire d’envoi de courriels (sous-traitant)') }],
  retention: t('Until you unsubscribe, or 3 years without opening a newsletter', 'Jusqu’à votre désinscription, ou 3 ans sans ouverture d’une lettre'),
  labels: { email: t('Email address', 'Adresse électronique'), subscribedAt: t('Subscribed on', 'Date d’abonnement'), topics: t('Topics', 'Thèmes') },
  values: { topics: { 'new courses': t('New courses', 'Nouveaux cours'), events: t('Events', 'Événements') } },
};

/** By system name, as infra/local/demo/systems.ts declares them. */
export const DEMO_ART15: Record<string, Art15Declaration> = {
  'lms-account': ACCOUNT,
  'lms-enrolments': ENROLMENTS,
  'lms-grades': GRADES,
  forum: FORUM,
  messages: messages(false),
  'messages-received': messages(true),
  submissions: SUBMISSIONS,
  'video-platform': VIDEO,
  billing: BILLING,
  newsletter: NEWSLETTER,
};
