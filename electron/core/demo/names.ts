/*
 * Name material for fictional pupils and staff, drawn from the names common in Dutch classrooms today:
 * Dutch, and Turkish, Moroccan, Surinamese, Antillean, Moluccan, Polish and other families. A few carry
 * diacritics on purpose, because search must find "Zoe" as Zoë and "Celik" as Çelik.
 */

export const PUPIL_FIRST_NAMES: readonly string[] = [
  'Daan', 'Sem', 'Lucas', 'Levi', 'Finn', 'Milan', 'Noah', 'Luuk', 'Bram', 'Jesse', 'Thijs', 'Lars', 'Sven', 'Ruben',
  'Thomas', 'Tim', 'Jayden', 'Julian', 'Mees', 'Gijs', 'Stijn', 'Teun', 'Max', 'Niels', 'Jasper', 'Koen', 'Joep',
  'Siem', 'Hugo', 'Olivier', 'Ties', 'Tygo', 'Bas', 'Floris', 'Guus', 'Jens', 'Mats', 'Owen', 'Pepijn', 'Rens',
  'Sepp', 'Vince', 'Wessel', 'Xavi', 'Dex', 'Boaz', 'Jurre', 'Kyan', 'Morris', 'Quinten', 'Joël', 'Noé', 'Rafaël',
  'Emma', 'Julia', 'Mila', 'Tess', 'Sophie', 'Zoë', 'Sara', 'Nora', 'Eva', 'Lotte', 'Anna', 'Evi', 'Fleur', 'Lisa',
  'Sanne', 'Isa', 'Noor', 'Roos', 'Femke', 'Lieke', 'Iris', 'Floor', 'Maud', 'Fenna', 'Jasmijn', 'Lynn', 'Anouk',
  'Esmee', 'Yara', 'Elin', 'Nina', 'Liv', 'Saar', 'Jill', 'Anaïs', 'Chloë', 'Loïs', 'Noëlle', 'Merel', 'Britt',
  'Lana', 'Nova', 'Puck', 'Vera', 'Hannah', 'Ilse', 'Demi', 'Romy', 'Benthe', 'Silke', 'Jade', 'Féline',
  'Emre', 'Yusuf', 'Mehmet', 'Ömer', 'Kerem', 'Burak', 'Elif', 'Zeynep', 'Ayşe', 'Defne', 'Esra', 'Çağla', 'Büşra',
  'Mohammed', 'Ayoub', 'Bilal', 'Adam', 'Ilias', 'Rayan', 'Amine', 'Soufiane', 'Hamza', 'Younes', 'Yasmine',
  'Salma', 'Imane', 'Nour', 'Aya', 'Khadija', 'Malak', 'Hiba', 'Inès',
  'Jermaine', 'Shivani', 'Priya', 'Ravi', 'Rishi', 'Shanti', 'Kenzo', 'Djamila', 'Quincy', 'Naomi', 'Shaquille',
  'Jakub', 'Kacper', 'Szymon', 'Zofia', 'Maja', 'Wiktoria', 'Oliwia', 'Mateusz',
  'Mei', 'Linh', 'Minh', 'Arjun', 'Luca', 'Matteo', 'Mia', 'Amira', 'Sami', 'Dilan', 'Mohamed', 'Ahmed', 'Fatima',
];

export const ADULT_FIRST_NAMES: readonly string[] = [
  'Marieke', 'Annemiek', 'Jeroen', 'Bas', 'Peter', 'Ingrid', 'Mark', 'Sandra', 'Erik', 'Linda', 'Martijn', 'Esther',
  'Hans', 'Monique', 'Wouter', 'Karin', 'Joost', 'Femke', 'Arjen', 'Mirjam', 'Rob', 'Petra', 'Dennis', 'Saskia',
  'Frank', 'Judith', 'Roel', 'Anneke', 'Gert-Jan', 'Hanneke', 'Jan-Willem', 'Marloes', 'Pieter', 'Ellen', 'Remco',
  'Wendy', 'Bart', 'Nicole', 'Sjoerd', 'Ilse', 'Maarten', 'Renée', 'Eline', 'Sander', 'Kim', 'Tom', 'Inge', 'Koen',
  'Ahmed', 'Fatima', 'Özlem', 'Hatice', 'Rachid', 'Samira', 'Mustafa', 'Nadia', 'Murat', 'Leyla', 'Hüseyin',
  'Agnieszka', 'Piotr', 'Anand', 'Sharmila', 'Dewi', 'Ricardo', 'Chantal', 'Germaine', 'José', 'Thérèse', 'Loes',
];

/** Surnames with their tussenvoegsel; together with the plain ones they give about 30% prefixed names. */
export const PREFIXED_SURNAMES: readonly (readonly [string, string])[] = [
  ['de', 'Jong'], ['de', 'Vries'], ['van den', 'Berg'], ['van', 'Dijk'], ['de', 'Boer'], ['de', 'Groot'],
  ['van', 'Leeuwen'], ['de', 'Wit'], ['de', 'Graaf'], ['van der', 'Meer'], ['van der', 'Linden'], ['de', 'Haan'],
  ['van den', 'Heuvel'], ['van der', 'Veen'], ['van den', 'Broek'], ['de', 'Bruijn'], ['van der', 'Heijden'],
  ['van', 'Beek'], ['van', 'Vliet'], ['van de', 'Ven'], ['van', 'Dam'], ['van der', 'Wal'], ['de', 'Jonge'],
  ['van', 'Veen'], ['van den', 'Brink'], ['van', 'Wijk'], ['de', 'Ruiter'], ['van', 'Loon'], ['van der', 'Velde'],
  ['de', 'Lange'], ['de', 'Vos'], ['van', 'Dongen'], ['de', 'Koning'], ['van der', 'Laan'], ['van', 'Doorn'],
  ['van den', 'Bosch'], ['van der', 'Meulen'], ['van der', 'Horst'], ['van de', 'Pol'], ['de', 'Leeuw'],
  ['ten', 'Brink'], ['ter', 'Horst'], ["van 't", 'Hof'], ["van 't", 'Veer'], ['ten', 'Hove'], ['ter', 'Haar'],
  ['in het', 'Veld'], ['van', 'Rijn'], ['op de', 'Beek'], ['van', 'Essen'], ['de', 'Rooij'], ['van', 'Schaik'],
];

export const PLAIN_SURNAMES: readonly string[] = [
  'Jansen', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Vos', 'Peters', 'Hendriks', 'Dekker',
  'Brouwer', 'Dijkstra', 'Smits', 'Kok', 'Jacobs', 'Vermeulen', 'Schouten', 'Willems', 'Hoekstra', 'Maas',
  'Verhoeven', 'Koster', 'Prins', 'Blom', 'Huisman', 'Peeters', 'Kuipers', 'Post', 'Kuiper', 'Veenstra', 'Kramer',
  'Scholten', 'Postma', 'Martens', 'Vink', 'Timmermans', 'Groen', 'Gerritsen', 'Jonker', 'Willemsen', 'Smeets',
  'Bosch', 'Schipper', 'Driessen', 'Hermans', 'Evers', 'Hofman', 'Bosman', 'Wolters', 'Sanders', 'Mol',
  'Kuijpers', 'Molenaar', 'Verbeek', 'Wouters', 'Brink', 'Boersma', 'Zijlstra', 'Koopman', 'Lammers',
  'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Arslan', 'Doğan', 'Koç', 'Kılıç',
  'El Amrani', 'Bouzid', 'Benali', 'El Idrissi', 'Ouali', 'Azzouzi', 'Bakkali', 'Haddou', 'Boukhari', 'Tahiri',
  'Ziani', 'Chaoui', 'El Khatib', 'Pinas', 'Sedney', 'Ramdin', 'Biharie', 'Sital', 'Jagesar', 'Kross',
  'Wijngaarde', 'Doelwijt', 'Martina', 'Pattiasina', 'Latuheru', 'Kowalski', 'Nowak', 'Wiśniewski', 'Wójcik',
  'Zieliński', 'Müller', 'Schäfer', 'Nguyen', 'Tran', 'Rossi', 'García', 'Hoàng', 'Kahraman', 'Özdemir',
];
