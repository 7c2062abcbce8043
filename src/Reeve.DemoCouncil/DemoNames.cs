namespace Reeve.DemoCouncil;

/// <summary>Fictional names and places for the demo councils. Any likeness to real people is chance.</summary>
internal static class DemoNames
{
    public static readonly string[] Forenames =
    [
        "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Noah", "Mia", "Jack", "Ivy", "Leo", "Lily", "Arthur", "Florence",
        "Muhammad", "Freya", "Oscar", "Grace", "Charlie", "Sophia", "Jacob", "Ella", "Thomas", "Evie", "Henry", "Poppy",
        "William", "Rosie", "James", "Sienna", "Joshua", "Daisy", "Alfie", "Willow", "Archie", "Alice", "Theo", "Emily",
        "Aisha", "Priya", "Tomasz", "Agnieszka", "Kwame", "Chidi", "Siobhan", "Ciaran", "Rhys", "Megan", "Fatima", "Yusuf",
        "Margaret", "Brian", "Susan", "David", "Patricia", "Kevin", "Janet", "Gary", "Sandra", "Paul",
    ];

    public static readonly string[] Surnames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson",
        "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis",
        "Harris", "Martin", "Cooper", "King", "Lee", "Baker", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Ahmed",
        "Nowak", "Kowalski", "Okafor", "Mensah", "O'Brien", "Murphy", "Campbell", "Stewart", "Begum", "Hussain", "Ali",
        "Scott", "Price", "Bennett", "Gray", "Fletcher", "Marsh", "Holloway", "Ashworth", "Pennington", "Greenhalgh",
    ];

    public static readonly string[] StreetStems =
    [
        "Church", "Mill", "Station", "Victoria", "Park", "Queens", "Kings", "Oak", "Elm", "Meadow", "Chapel", "High",
        "School", "Manor", "Orchard", "Willow", "Ash", "Beech", "Cedar", "Hawthorn", "Brook", "Castle", "Albert", "York",
        "Windmill", "Spring", "Grange", "Farm", "Moor", "Rectory", "Heather", "Foxglove", "Kingfisher", "Larch", "Rowan",
    ];

    public static readonly string[] StreetKinds =
    [
        "Road", "Street", "Lane", "Close", "Avenue", "Way", "Drive", "Gardens", "Crescent", "Terrace", "Grove", "Walk",
    ];

    public static readonly string[] Landlords =
    [
        "Moorside Lettings Ltd", "Harbour Property Holdings Ltd", "Greenacre Homes LLP", "Wealdmoor Housing Association",
        "Northgate Estates Ltd", "Fenwick & Daughters Property Ltd",
    ];
}
