import type { PhraseBank } from './phrase-bank.js';

export const french: PhraseBank = {
  greetings: ['Bonjour', 'Salut', 'Bonsoir', 'Bonjour à vous'],
  topics: {
    delivery: {
      ask: [
        'où est ma commande ? elle devait arriver lundi',
        "mon colis n'est toujours pas arrivé, pouvez-vous vérifier le suivi",
        'quand est-ce que mon colis sera livré',
      ],
      rephrase: [
        'je veux savoir où est ma commande',
        "la page de suivi n'affiche rien pour mon colis",
        'mon colis a-t-il seulement été expédié',
      ],
      answer: [
        'Votre commande est en route et arrivera sous 2 jours ouvrés.',
        'Vous pouvez suivre votre colis sur la page de suivi, dans Mes commandes.',
        'Les commandes quittent notre entrepôt sous 24 heures après le paiement.',
      ],
    },
    refund: {
      ask: [
        "j'ai renvoyé les chaussures il y a deux semaines et toujours pas de remboursement",
        'comment récupérer mon argent pour une commande annulée',
        "puis-je être remboursé pour l'article renvoyé",
      ],
      rephrase: [
        'quand le remboursement arrive-t-il sur ma carte',
        "je veux l'argent de mon retour",
        'le remboursement de mon retour manque',
      ],
      answer: [
        'Le remboursement arrive sur votre carte 5 à 7 jours après réception du retour.',
        'Vous pouvez demander un remboursement dans la rubrique Retours de votre compte.',
        'Le remboursement est versé sur la carte utilisée pour le paiement.',
      ],
    },
    login: {
      ask: [
        "je n'arrive pas à me connecter à mon compte",
        "l'e-mail de réinitialisation du mot de passe n'arrive jamais",
        'mon compte est bloqué après trop de tentatives',
      ],
      rephrase: [
        "je n'arrive toujours pas à accéder à mon compte",
        'la page de connexion refuse mon mot de passe',
        'comment débloquer mon compte',
      ],
      answer: [
        'Vous pouvez réinitialiser votre mot de passe avec le lien Mot de passe oublié.',
        'Le compte se débloque tout seul 30 minutes après la dernière tentative.',
        'Par sécurité, les liens de connexion expirent après 15 minutes.',
      ],
    },
    plan: {
      ask: [
        "comment passer à l'abonnement annuel",
        'je veux réduire mon abonnement',
        'puis-je changer de formule en milieu de mois',
      ],
      rephrase: [
        'je veux juste une formule moins chère',
        'où est-ce que je change mon abonnement',
        "mettez-moi sur une autre formule s'il vous plaît",
      ],
      answer: [
        'Vous pouvez changer de formule à tout moment dans Paramètres, puis Abonnement.',
        'Un changement de formule prend effet au début de la prochaine période de facturation.',
        "L'abonnement annuel coûte autant que dix mois.",
      ],
    },
  },
  followUp: [
    'et ça prend combien de temps ?',
    "d'accord, et il me faut quoi pour ça ?",
    'je dois faire autre chose ?',
    'où est-ce que je trouve ça exactement ?',
  ],
  okay: ["d'accord", 'je vois', 'ok', 'entendu'],
  thanks: [
    'Merci, ça a réglé le problème !',
    'Super, merci beaucoup',
    "parfait, ça m'aide, merci",
    'Excellent, tout va bien maintenant. Merci !',
  ],
  annoyed: [
    "ce n'est pas ce que j'ai demandé",
    "ça ne m'aide pas, c'est agaçant",
    'je vous l’ai déjà dit, c’est pénible',
    'non, ça ne répond pas à ma question',
  ],
  frustrated: [
    "c'est inutile, vous me faites perdre mon temps",
    "c'est ridicule, rien ne marche",
    "service horrible, j'en ai vraiment marre",
    'je suis furieux, ce robot est nul',
  ],
  sarcastic: [
    'génial, encore une réponse inutile',
    'super utile. pas du tout',
    'formidable, la même réponse encore une fois',
  ],
  vent: [
    'franchement ce retard est horrible, je suis fâché',
    "ça m'énerve que ce soit arrivé",
    'mauvaise semaine, et maintenant ce problème',
  ],
  insist: [
    'pardon, mais cela ne couvre pas mon cas',
    'je comprends, mais ma situation est différente',
    "merci, mais j'ai besoin d'autre chose",
  ],
  askHuman: [
    'je veux parler à un humain',
    "je voudrais parler avec un conseiller s'il vous plaît",
    'passez-moi un agent',
  ],
  again: ['encore une fois :', "comme je l'ai dit,", 'je répète,', "j'ai demandé :"],
  bot: {
    clarify: [
      'Pouvez-vous me donner votre numéro de commande ?',
      'Pouvez-vous me donner plus de détails ?',
      'De quel compte ou de quelle commande s’agit-il ?',
    ],
    fallback: [
      "Désolé, je n'ai pas compris. Pouvez-vous reformuler ?",
      'Je ne suis pas sûr de comprendre. Pouvez-vous le dire autrement ?',
      "Désolé, je n'ai pas saisi.",
    ],
    closing: ['Ravi d’avoir pu aider ! Autre chose ?', 'Avec plaisir. Bonne journée !'],
  },
};
