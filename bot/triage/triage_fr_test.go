package triage

import "testing"

var frUrgent = []tc{
	{"fr", "il me frappe maintenant aidez moi", urg(Violence)},
	{"fr", "mon mari va me tuer ce soir", urg(Violence)},
	{"fr", "au secours il a un couteau", urg(Violence)},
	{"fr", "il m'a enfermée dans la salle de bain", urg(Violence)},
	{"fr", "ils sont en train de nous taper svp", urg(Violence)},
	{"fr", "je veux mourir", urg(Suicide)},
	{"fr", "je ne veux plus vivre, ce soir je finis tout", urg(Suicide)},
	{"fr", "jvais me suicider", urg(Suicide)},
	{"fr", "j'ai envie d'en finir avec la vie", urg(Suicide)},
	{"fr", "ils ont pris mon passeport et ils me laissent pas sortir de la maison", urg(Trafficking)},
	{"fr", "on m'oblige à me prostituer, la madame dit que je dois payer la dette", urg(Trafficking)},
	{"fr", "on est enfermés dans une ferme, le patron garde nos papiers", urg(Trafficking)},
	{"fr", "j'ai 15 ans je dors dans la rue", urg(Child)},
	{"fr", "mon fils a disparu depuis ce matin", urg(Child)},
	{"fr", "je suis mineur et je suis tout seul à la gare ce soir", urg(Child)},
	{"fr", "mon ami saigne beaucoup il a été poignardé", urg(Injury)},
	{"fr", "ma femme est enceinte et elle saigne", urg(Injury)},
	{"fr", "il respire plus, il est inconscient", urg(Injury)},
	{"fr", "notre bateau coule, on est 50 personnes", urg(Sea)},
	{"fr", "nous sommes en mer, moteur en panne, plus d'eau", urg(Sea)},
}

var frCalm = []tc{
	{"fr", "mon mari m'a frappée plusieurs fois, si je le quitte je perds mon titre de séjour?", none},
	{"fr", "numéro de l'ambulance en italie?", none},
	{"fr", "j'ai 17 ans, est-ce que je peux aller à l'école?", none},
	{"fr", "je travaille 12 heures pour 3 euros sans contrat, le caporal prend la moitié", none},
	{"fr", "je ne veux plus vivre dans ce centre, je peux changer?", none},
	{"fr", "j'ai été battu en Libye, ça compte pour ma demande d'asile?", none},
	{"fr", "si je rentre au pays ils vont me tuer, est ce que j'ai droit à l'asile?", none},
	{"fr", "je suis enceinte, comment avoir la carte STP?", none},
	{"fr", "je suis arrivé en bateau à Lampedusa, comment demander l'asile?", none},
	{"fr", "mon patron garde mon passeport, c'est légal?", none},
	{"fr", "c'est quoi le numéro d'urgence en Italie", none},
	{"fr", "je veux pas mourir en mer, il y a un moyen légal de venir?", none},
}

var frEscalate = []tc{
	{"fr", "comment demander l'asile en France, je suis à Vintimille", esc(OtherCountry)},
	{"fr", "c'est mieux en Allemagne ou en Italie pour les réfugiés?", esc(OtherCountry)},
	{"fr", "je veux aller en Belgique, il faut quels papiers", esc(OtherCountry)},
	{"fr", "j'ai fait ma demande d'asile en Allemagne avant, maintenant je suis en Italie avec Dublin", none},
	{"fr", "j'ai perdu mon passeport en Libye", none},
	{"fr", "je veux rentrer dans mon pays", none},
	{"fr", "vous pouvez appeler la questura pour moi?", esc(PersonalCase)},
	{"fr", "prenez moi un rendez-vous à la préfecture svp", esc(PersonalCase)},
	{"fr", "je vous envoie la photo de ma décision, regardez svp", esc(PersonalCase)},
	{"fr", "pouvez vous remplir le formulaire pour moi", esc(PersonalCase)},
	{"fr", "comment prendre rendez-vous à la questura?", none},
	{"fr", "comment remplir le formulaire de regroupement familial", none},
}

var frSmalltalk = []tc{
	{"fr", "bonjour", small(Greeting)},
	{"fr", "slt cv", small(Greeting)},
	{"fr", "merci beaucoup madame", small(Thanks)},
	{"fr", "d'accord merci", small(Thanks)},
	{"fr", "bonjour, comment renouveler mon titre de séjour?", none},
}

func TestFrench(t *testing.T) {
	t.Run("urgent", func(t *testing.T) { run(t, frUrgent) })
	t.Run("calm", func(t *testing.T) { run(t, frCalm) })
	t.Run("escalate", func(t *testing.T) { run(t, frEscalate) })
	t.Run("smalltalk", func(t *testing.T) { run(t, frSmalltalk) })
}
