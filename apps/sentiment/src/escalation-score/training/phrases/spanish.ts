import type { PhraseBank } from './phrase-bank.js';

export const spanish: PhraseBank = {
  greetings: ['Hola', 'Buenas', 'Buenos días', 'Hola, qué tal'],
  topics: {
    delivery: {
      ask: [
        '¿dónde está mi pedido? tenía que llegar el lunes',
        'mi paquete todavía no ha llegado, ¿pueden revisar el seguimiento?',
        '¿cuándo me entregan el paquete?',
      ],
      rephrase: [
        'necesito saber dónde está mi pedido',
        'la página de seguimiento no muestra nada de mi paquete',
        '¿mi paquete ya fue enviado?',
      ],
      answer: [
        'Tu pedido está en camino y llegará en 2 días hábiles.',
        'Puedes seguir tu paquete en la página de seguimiento, en Mis pedidos.',
        'Los pedidos salen del almacén en 24 horas después del pago.',
      ],
    },
    refund: {
      ask: [
        'devolví las zapatillas hace dos semanas y no tengo el reembolso',
        '¿cómo recupero mi dinero de un pedido cancelado?',
        '¿me pueden reembolsar el artículo que devolví?',
      ],
      rephrase: [
        '¿cuándo llega el reembolso a mi tarjeta?',
        'quiero el dinero de mi devolución',
        'falta el reembolso de mi devolución',
      ],
      answer: [
        'El reembolso llega a tu tarjeta entre 5 y 7 días después de recibir la devolución.',
        'Puedes pedir el reembolso en la sección Devoluciones de tu cuenta.',
        'El reembolso vuelve a la tarjeta con la que pagaste.',
      ],
    },
    login: {
      ask: [
        'no puedo entrar en mi cuenta',
        'nunca me llega el correo para cambiar la contraseña',
        'mi cuenta está bloqueada después de varios intentos',
      ],
      rephrase: [
        'sigo sin poder entrar en mi cuenta',
        'la página de acceso rechaza mi contraseña',
        '¿cómo desbloqueo mi cuenta?',
      ],
      answer: [
        'Puedes cambiar la contraseña con el enlace ¿Olvidaste tu contraseña? de la página de acceso.',
        'La cuenta se desbloquea sola 30 minutos después del último intento.',
        'Por seguridad, los enlaces de acceso caducan a los 15 minutos.',
      ],
    },
    plan: {
      ask: [
        '¿cómo me paso al plan anual?',
        'quiero bajar mi suscripción a un plan menor',
        '¿puedo cambiar de plan a mitad de mes?',
      ],
      rephrase: [
        'solo quiero un plan más barato',
        '¿dónde cambio mi suscripción?',
        'por favor cámbienme a otro plan',
      ],
      answer: [
        'Puedes cambiar de plan cuando quieras en Ajustes, luego Suscripción.',
        'El cambio de plan se aplica al inicio del siguiente periodo de facturación.',
        'El plan anual cuesta lo mismo que diez meses.',
      ],
    },
  },
  followUp: [
    '¿y cuánto tarda eso?',
    'vale, ¿y qué necesito para eso?',
    '¿tengo que hacer algo más?',
    '¿dónde encuentro eso exactamente?',
  ],
  okay: ['vale', 'entiendo', 'de acuerdo', 'ok'],
  thanks: [
    '¡Gracias, eso lo resolvió!',
    'Genial, muchas gracias',
    'perfecto, me ayuda mucho, gracias',
    '¡Excelente, ya está todo bien. Gracias!',
  ],
  annoyed: [
    'eso no es lo que pregunté',
    'esto no me ayuda, estoy molesto',
    'ya te lo dije, esto es molesto',
    'no, eso no responde mi pregunta',
  ],
  frustrated: [
    'esto es inútil, me estás haciendo perder el tiempo',
    'esto es ridículo, nada funciona',
    'servicio terrible, estoy harto de esto',
    'estoy muy enfadado, este bot es horrible',
  ],
  sarcastic: [
    'genial, otra respuesta inútil',
    'vaya, qué útil. pues no',
    'maravilloso, la misma respuesta otra vez',
  ],
  vent: [
    'la verdad este retraso es terrible, estoy molesto',
    'me molesta que esto haya pasado',
    'mala semana, y ahora este problema',
  ],
  insist: [
    'perdón, pero eso no cubre mi caso',
    'entiendo, pero mi situación es distinta',
    'gracias, pero necesito otra cosa',
  ],
  askHuman: [
    'quiero hablar con una persona, por favor',
    'necesito hablar con un agente',
    '¿me pueden pasar con un humano?',
  ],
  again: ['otra vez:', 'como dije,', 'repito,', 'pregunté:'],
  bot: {
    clarify: [
      '¿Me dices tu número de pedido?',
      '¿Puedes darme más detalles?',
      '¿De qué cuenta o pedido se trata?',
    ],
    fallback: [
      'Perdona, no te he entendido. ¿Puedes decirlo de otra forma?',
      'No estoy seguro de entenderte. ¿Lo repites con otras palabras?',
      'Lo siento, no lo he entendido.',
    ],
    closing: ['¡Me alegra haber ayudado! ¿Algo más?', 'De nada. ¡Que tengas un buen día!'],
  },
};
