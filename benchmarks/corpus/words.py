"""Hand-written word lists: hard-case names, places and facility parts. All invented or generic.

Nothing here comes from a real note or from redactphi's own recognizer lists.
"""

from __future__ import annotations

# fmt: off
# First names that are also common English words, months or virtues.
WORD_FIRST_NAMES = (
    "Hunter", "Rose", "Grant", "Will", "Faith", "April", "Dean", "Mark", "Lane", "Hope", "Joy",
    "June", "May", "Summer", "Dawn", "Holly", "Ivy", "Grace", "Chase", "Miles", "Rich", "Frank",
    "Bill", "Sunny", "Crystal", "Amber", "Ruby", "Pearl", "Guy", "Art", "Drew", "Rusty", "Sky",
    "Destiny", "Major", "Page", "Christian", "Patience", "Autumn", "Penny", "Jewel", "Harmony",
    "Florence", "Charlotte", "Savannah", "Tyler", "Jackson", "Virginia", "Georgia", "Brook",
)
# Surnames that are common words, colours, trades, or clash with clinical vocabulary.
WORD_LAST_NAMES = (
    "Young", "King", "Bell", "Page", "Major", "Price", "Hunter", "Rose", "Grant", "Lane", "Dean",
    "Marks", "Long", "Short", "Brown", "White", "Green", "Black", "Gray", "Wise", "Love", "Hall",
    "Ward", "Cook", "Baker", "Mason", "Banks", "Bishop", "Cash", "Chase", "Early", "Hale", "Hill",
    "Little", "Marsh", "Moody", "Moon", "Parks", "Allen", "Fox", "Wolf", "Strong", "Swift",
    "Sharp", "Stone", "Street", "Sterling", "Waters", "Woods", "Field", "Bone", "Payne", "Blood",
    "Hand", "Foot", "Shin", "Small", "Best", "Gross", "Lamb", "Rich", "Friend", "Day", "Knight",
    "Graves", "Heart", "Head", "Winter", "Frost", "Snow", "Rivers", "Cross", "Lord", "Noble",
)
HYPHENATED_LAST = (
    "Garcia-Lopez", "Smith-Jones", "Ruiz-Montoya", "Kowalski-Brandt", "Nguyen-Tran",
    "Okafor-Bello", "Martin-Hughes", "Lloyd-Evans", "Perez-Rivera", "Hart-Davis", "Bennett-Cole",
)
HYPHENATED_FIRST = (
    "Anne-Marie", "Jean-Luc", "Mary-Kate", "Jo-Ann", "Li-Na", "Mary-Beth", "Jean-Paul",
)
APOSTROPHE_LAST = (
    "O'Brien", "O'Connor", "O'Neil", "O'Malley", "O'Hara", "D'Angelo", "D'Souza", "D'Amico",
    "N'Diaye", "Dell'Aquila", "O'Sullivan",
)
APOSTROPHE_FIRST = ("D'Andre", "Ja'Nae", "De'Shawn", "Shan'Tel")
PARTICLE_LAST = (
    "McDonald", "MacKenzie", "McAllister", "van der Berg", "Van Buren", "de la Cruz", "De Luca",
    "DiMaggio", "LeBlanc", "St. John", "von Stein", "Al-Sayed", "El-Amin", "McKnight", "MacLeod",
    "van Dyke", "du Pont", "La Rosa", "Van Horn", "DeVries",
)
WORLD_LAST = (
    "Nguyen", "Tran", "Pham", "Kim", "Park", "Lee", "Patel", "Shah", "Singh", "Okafor", "Adeyemi",
    "Mensah", "Kowalski", "Nowak", "Zhang", "Wang", "Liu", "Yamamoto", "Tanaka", "Hernandez",
    "Ramirez", "Abubakar", "Ivanova", "Petrov", "Haddad", "Cohen", "Goldberg", "Rossi",
    "Esposito", "Schmidt", "Muller", "Andersson", "Johansson", "Papadopoulos", "Yilmaz", "Kaur",
    "Chowdhury", "Mukherjee", "Oyelaran", "Muñoz", "Peña", "Gonçalves", "Nuñez",
)
WORLD_FIRST = (
    "Nguyet", "Minh", "Ji-woo", "Priya", "Arjun", "Chidi", "Ngozi", "Kwame", "Wojciech", "Mei",
    "Hiroshi", "Yuki", "José", "Lucía", "Ahmed", "Fatima", "Olga", "Dmitri", "Aisha", "Ravi",
    "Sofía", "Zoë", "Björn", "Ingrid", "Mehmet", "Sanjay", "Oluwaseun", "Thanh", "Xin", "Renée",
)

# City, state, county: real places used as fictional patients' homes.
PLACES = (
    ("Springfield", "IL", "Sangamon"), ("Columbus", "OH", "Franklin"), ("Austin", "TX", "Travis"),
    ("Fresno", "CA", "Fresno"), ("Tucson", "AZ", "Pima"), ("Omaha", "NE", "Douglas"),
    ("Tulsa", "OK", "Tulsa"), ("Wichita", "KS", "Sedgwick"), ("Boise", "ID", "Ada"),
    ("Spokane", "WA", "Spokane"), ("Eugene", "OR", "Lane"), ("Madison", "WI", "Dane"),
    ("Ann Arbor", "MI", "Washtenaw"), ("Lansing", "MI", "Ingham"), ("Dayton", "OH", "Montgomery"),
    ("Akron", "OH", "Summit"), ("Toledo", "OH", "Lucas"), ("Erie", "PA", "Erie"),
    ("Allentown", "PA", "Lehigh"), ("Scranton", "PA", "Lackawanna"), ("Albany", "NY", "Albany"),
    ("Syracuse", "NY", "Onondaga"), ("Rochester", "MN", "Olmsted"), ("Duluth", "MN", "St. Louis"),
    ("Fargo", "ND", "Cass"), ("Sioux Falls", "SD", "Minnehaha"), ("Billings", "MT", "Yellowstone"),
    ("Cheyenne", "WY", "Laramie"), ("Reno", "NV", "Washoe"), ("Provo", "UT", "Utah"),
    ("Boulder", "CO", "Boulder"), ("Pueblo", "CO", "Pueblo"), ("Santa Fe", "NM", "Santa Fe"),
    ("Lubbock", "TX", "Lubbock"), ("Waco", "TX", "McLennan"), ("El Paso", "TX", "El Paso"),
    ("Shreveport", "LA", "Caddo"), ("Jackson", "MS", "Hinds"), ("Mobile", "AL", "Mobile"),
    ("Huntsville", "AL", "Madison"), ("Savannah", "GA", "Chatham"), ("Macon", "GA", "Bibb"),
    ("Augusta", "GA", "Richmond"), ("Charleston", "SC", "Charleston"),
    ("Greenville", "SC", "Greenville"), ("Durham", "NC", "Durham"), ("Asheville", "NC", "Buncombe"),
    ("Roanoke", "VA", "Roanoke"), ("Lexington", "KY", "Fayette"), ("Knoxville", "TN", "Knox"),
    ("Chattanooga", "TN", "Hamilton"), ("Gainesville", "FL", "Alachua"),
    ("Tallahassee", "FL", "Leon"), ("Ocala", "FL", "Marion"), ("Sarasota", "FL", "Sarasota"),
    ("Burlington", "VT", "Chittenden"), ("Portland", "ME", "Cumberland"),
    ("Manchester", "NH", "Hillsborough"), ("Worcester", "MA", "Worcester"),
    ("Hartford", "CT", "Hartford"), ("Providence", "RI", "Providence"), ("Trenton", "NJ", "Mercer"),
    ("Dover", "DE", "Kent"), ("Bangor", "ME", "Penobscot"), ("Des Moines", "IA", "Polk"),
    ("Cedar Rapids", "IA", "Linn"), ("Peoria", "IL", "Peoria"), ("Joliet", "IL", "Will"),
    ("Fort Wayne", "IN", "Allen"), ("Bloomington", "IN", "Monroe"),
    ("Kalamazoo", "MI", "Kalamazoo"), ("Green Bay", "WI", "Brown"), ("St. Cloud", "MN", "Stearns"),
    ("Columbia", "MO", "Boone"), ("Little Rock", "AR", "Pulaski"),
    ("Fayetteville", "AR", "Washington"), ("Flagstaff", "AZ", "Coconino"),
    ("Bakersfield", "CA", "Kern"), ("Redding", "CA", "Shasta"), ("Salinas", "CA", "Monterey"),
    ("Olympia", "WA", "Thurston"), ("Bend", "OR", "Deschutes"), ("Grand Junction", "CO", "Mesa"),
    ("Laredo", "TX", "Webb"), ("Tyler", "TX", "Smith"), ("Marion", "OH", "Marion"),
    ("Florence", "SC", "Florence"), ("Charlotte", "NC", "Mecklenburg"), ("Hope", "AR", "Hempstead"),
)
STATE_NAMES = {
    "IL": "Illinois", "OH": "Ohio", "TX": "Texas", "CA": "California", "AZ": "Arizona",
    "NE": "Nebraska", "OK": "Oklahoma", "KS": "Kansas", "ID": "Idaho", "WA": "Washington",
    "OR": "Oregon", "WI": "Wisconsin", "MI": "Michigan", "PA": "Pennsylvania", "NY": "New York",
    "MN": "Minnesota", "ND": "North Dakota", "SD": "South Dakota", "MT": "Montana",
    "WY": "Wyoming", "NV": "Nevada", "UT": "Utah", "CO": "Colorado", "NM": "New Mexico",
    "LA": "Louisiana", "MS": "Mississippi", "AL": "Alabama", "GA": "Georgia",
    "SC": "South Carolina", "NC": "North Carolina", "VA": "Virginia", "KY": "Kentucky",
    "TN": "Tennessee", "FL": "Florida", "VT": "Vermont", "ME": "Maine", "NH": "New Hampshire",
    "MA": "Massachusetts", "CT": "Connecticut", "RI": "Rhode Island", "NJ": "New Jersey",
    "DE": "Delaware", "IA": "Iowa", "IN": "Indiana", "MO": "Missouri", "AR": "Arkansas",
}
STREET_NAMES = (
    "Maple", "Oak", "Main", "Washington", "Elm", "Lincoln", "Park", "Lake", "Hill", "Cedar", "Pine",
    "Church", "Market", "Broad", "Ridge", "Martin Luther King Jr", "Rose", "Hunter", "Sycamore",
    "Walnut", "Highland", "Jefferson", "Madison", "Franklin", "Chestnut", "Willow", "Meadow",
    "Prospect", "Spring", "Mill", "River", "Sunset", "Orchard", "Canyon", "Old Farm", "County Line",
    "Grant", "King", "Dogwood", "Magnolia", "Bayou", "Quail Run", "Hickory", "Birch", "Aspen",
)
STREET_SUFFIXES = (
    "St", "Street", "Ave", "Avenue", "Blvd", "Rd", "Road", "Dr", "Drive", "Ln", "Lane", "Ct",
    "Way", "Pkwy", "Pl", "Ter", "Cir", "Hwy",
)
UNITS = ("Apt {n}", "Apt. {n}{l}", "Unit {n}", "#{n}", "Ste {n}", "Lot {n}", "Apt {n}-{l}")
SAINTS = (
    "St. Luke's", "St. Catherine", "St. Joseph", "St. Vincent", "St. Anthony's", "Good Samaritan",
    "Mercy", "Mount Carmel", "St. Bernard", "Our Lady of Lourdes", "St. Elizabeth", "Providence",
    "St. Francis", "Baptist", "Methodist", "Presbyterian",
)
HOSPITAL_SUFFIXES = (
    "Memorial Hospital", "Regional Medical Center", "Community Hospital", "Medical Center",
    "County Hospital", "University Hospital", "Hospital", "Health Center", "Surgical Hospital",
)
CLINIC_SUFFIXES = (
    "Ambulatory Surgery Center", "Surgery Center", "Outpatient Surgery Center",
    "Day Surgery Center", "Vascular Institute", "Colorectal Associates", "Rheumatology Clinic",
    "Hand Center", "Digestive Health Center", "Limb Salvage Center", "Wound Care Center",
    "Plastic Surgery Associates", "Cell Therapy Unit", "Vein & Vascular Clinic",
)
WARDS = (
    "Kellerman Pavilion", "Harrington Tower", "Whitfield 4 North", "Bowen Surgical Pavilion",
    "Lindqvist Building", "Hollister Day Unit", "Carver Wing", "Ashby 6 West",
    "Prentiss Ambulatory Pavilion", "Oakhurst Short Stay Unit",
)
RELATIONS = (
    ("wife", "F"), ("husband", "M"), ("daughter", "F"), ("son", "M"), ("sister", "F"),
    ("brother", "M"), ("partner", None), ("niece", "F"), ("nephew", "M"), ("mother", "F"),
    ("granddaughter", "F"), ("grandson", "M"), ("friend", None), ("neighbor", None),
)
EMAIL_DOMAINS = (
    "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "aol.com", "icloud.com",
    "comcast.net", "att.net", "protonmail.com", "live.com",
)
PORTAL_HOSTS = ("mychart", "portal", "patient", "myhealth", "connect", "followmyhealth")
INSURERS = (
    "Medicare", "Medicare Advantage", "Medicaid", "Blue Cross Blue Shield", "Aetna", "Cigna",
    "UnitedHealthcare", "Humana", "Anthem", "Tricare", "Kaiser Permanente", "Molina",
)
# fmt: on
