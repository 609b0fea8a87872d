import type { PhraseBank } from './phrase-bank.js';

export const portuguese: PhraseBank = {
  greetings: ['Olá', 'Oi', 'Bom dia', 'Boa tarde'],
  topics: {
    delivery: {
      ask: [
        'cadê meu pedido? era para chegar na segunda',
        'meu pacote ainda não chegou, podem ver o rastreio',
        'quando meu pacote vai ser entregue',
      ],
      rephrase: [
        'preciso saber onde está meu pedido',
        'a página de rastreio não mostra nada do meu pacote',
        'meu pacote foi pelo menos enviado',
      ],
      answer: [
        'Seu pedido está a caminho e chega em 2 dias úteis.',
        'Você pode acompanhar o pacote na página de rastreio, em Meus pedidos.',
        'Os pedidos saem do armazém em até 24 horas após o pagamento.',
      ],
    },
    refund: {
      ask: [
        'devolvi os sapatos há duas semanas e ainda não recebi o reembolso',
        'como recebo meu dinheiro de um pedido cancelado',
        'posso ter reembolso do item que devolvi',
      ],
      rephrase: [
        'quando o reembolso cai no meu cartão',
        'quero o dinheiro da minha devolução',
        'o reembolso da minha devolução não apareceu',
      ],
      answer: [
        'O reembolso chega ao seu cartão de 5 a 7 dias depois de recebermos a devolução.',
        'Você pode pedir o reembolso na seção Devoluções da sua conta.',
        'O reembolso volta para o cartão usado na compra.',
      ],
    },
    login: {
      ask: [
        'não consigo entrar na minha conta',
        'o e-mail para trocar a senha nunca chega',
        'minha conta foi bloqueada depois de várias tentativas',
      ],
      rephrase: [
        'continuo sem conseguir entrar na conta',
        'a página de login recusa minha senha',
        'como desbloqueio minha conta',
      ],
      answer: [
        'Você pode trocar a senha pelo link Esqueci minha senha na página de login.',
        'A conta é desbloqueada sozinha 30 minutos depois da última tentativa.',
        'Por segurança, os links de acesso expiram em 15 minutos.',
      ],
    },
    plan: {
      ask: [
        'como mudo para o plano anual',
        'quero reduzir minha assinatura',
        'posso trocar de plano no meio do mês',
      ],
      rephrase: [
        'só quero um plano mais barato',
        'onde eu mudo minha assinatura',
        'por favor me coloquem em outro plano',
      ],
      answer: [
        'Você pode mudar de plano quando quiser em Configurações, depois Assinatura.',
        'A troca de plano vale a partir do próximo período de cobrança.',
        'O plano anual custa o mesmo que dez meses.',
      ],
    },
  },
  followUp: [
    'e quanto tempo isso demora?',
    'ok, e do que eu preciso para isso?',
    'tenho que fazer mais alguma coisa?',
    'onde eu encontro isso exatamente?',
  ],
  okay: ['ok', 'entendi', 'certo', 'tá bom'],
  thanks: [
    'Obrigado, isso resolveu!',
    'Ótimo, muito obrigado',
    'perfeito, ajudou muito, obrigado',
    'Excelente, agora está tudo bem. Obrigado!',
  ],
  annoyed: [
    'não foi isso que eu perguntei',
    'isso não ajuda, que chato',
    'eu já disse isso, que irritante',
    'não, isso não responde minha pergunta',
  ],
  frustrated: [
    'isso é inútil, você está me fazendo perder tempo',
    'isso é ridículo, nada funciona',
    'atendimento horrível, estou farto disso',
    'estou muito irritado, esse robô é péssimo',
  ],
  sarcastic: [
    'ótimo, mais uma resposta inútil',
    'nossa, muito útil. só que não',
    'maravilha, a mesma resposta de novo',
  ],
  vent: [
    'sinceramente esse atraso é horrível, estou chateado',
    'me irrita que isso tenha acontecido',
    'semana ruim, e agora esse problema',
  ],
  insist: [
    'desculpe, mas isso não serve para o meu caso',
    'entendo, mas a minha situação é diferente',
    'obrigado, mas preciso de outra coisa',
  ],
  askHuman: [
    'quero falar com uma pessoa',
    'preciso falar com um atendente',
    'me passa para um humano, por favor',
  ],
  again: ['de novo:', 'como eu disse,', 'repito,', 'perguntei:'],
  bot: {
    clarify: [
      'Pode me informar o número do pedido?',
      'Pode me dar mais detalhes?',
      'De qual conta ou pedido se trata?',
    ],
    fallback: [
      'Desculpe, não entendi. Pode dizer de outro jeito?',
      'Não tenho certeza se entendi. Pode repetir com outras palavras?',
      'Desculpe, não consegui entender.',
    ],
    closing: ['Que bom que pude ajudar! Mais alguma coisa?', 'Por nada. Tenha um bom dia!'],
  },
};
